// @graph: empty
// The cost model estimates a WHERE range on a node's property (`r.s >= 98`,
// `r.d >= date('…')`, a parameter bound, either way round) from a sample of
// the label's nodes: a selective range starts the pattern at that node, an
// unselective one leaves the sequential relationship scan.
UNWIND range(0, 99) AS i CREATE (:R {s: i, d: date('2000-01-01') + duration({days: i})});
// @expect: ok nodes_created=100
UNWIND range(0, 2) AS k CREATE (:C {k: k});
// @expect: ok nodes_created=3
MATCH (c:C), (r:R) CREATE (c)-[:V {w: r.s % 2}]->(r);
// @expect: ok relationships_created=300

// @name: a selective range on the far end starts there
MATCH (c:C)-[v:V]->(r:R) WHERE r.s >= 98 RETURN v.w AS w, count(*) AS n;
// @expect-plan: Expand((#1)<-[#2:V]-(#0:C)), NodeByLabelScan(#1:R)
// @expect: rows
// | w | n |
// | 0 | 3 |
// | 1 | 3 |

// @name: a date bound, written on the left
MATCH (c:C)-[v:V]->(r:R) WHERE date('2000-04-08') <= r.d RETURN v.w AS w, count(*) AS n;
// @expect-plan: Expand((#1)<-[#2:V]-(#0:C)), NodeByLabelScan(#1:R)
// @expect: rows
// | w | n |
// | 0 | 3 |
// | 1 | 3 |

// @name: a parameter bound
// @param hi = 1
MATCH (c:C)-[v:V]->(r:R) WHERE r.s < $hi RETURN v.w AS w, count(*) AS n;
// @expect-plan: Expand((#1)<-[#2:V]-(#0:C))
// @expect: rows
// | w | n |
// | 0 | 3 |

// @name: a range every node passes keeps the relationship scan
MATCH (c:C)-[v:V]->(r:R) WHERE r.s >= 0 RETURN v.w AS w, count(*) AS n;
// @expect-plan: RelationshipScan
// @expect: rows
// | w | n   |
// | 0 | 150 |
// | 1 | 150 |
