// @graph: bundled
// Issue #17 §3 on the bundled graph, where no node is both a Sentence and
// a Country: the walk starts at the labelled end (7 Countries, every one
// then failing the Sentence test) instead of at each of the 68 nodes of
// the unlabelled end. Before, the first query did not answer in 15 s.
// Written with the unlabelled end first, the unoptimized plan walks from
// it, so those cases are bounded.

// @name: the issue's query
MATCH (a:Sentence:Country)-[*]-(b) RETURN count(*) AS n;
// @expect-plan: NodeByLabelScan(#0:Country:Sentence), VarLengthExpand((#0)-[#2*1..]-(#1))
// @expect: rows
// | n |
// | 0 |

// @name: the issue's bounded variant, the labelled end written on the right
MATCH (b)-[*1..4]-(a:Sentence:Country) RETURN count(*) AS n;
// @expect-plan: NodeByLabelScan(#1:Country:Sentence), VarLengthExpand((#1)-[#2*1..4]-(#0))
// @expect: rows
// | n |
// | 0 |

// @name: directed, the labelled end on the right of the arrow
MATCH (b)-[*1..3]->(a:Sentence:Country) RETURN count(*) AS n;
// @expect-plan: NodeByLabelScan(#1:Country:Sentence), VarLengthExpand((#1)<-[#2*1..3]-(#0))
// @expect: rows
// | n |
// | 0 |

// @name: the issue's WITH variant
MATCH (a:Sentence:Country) WITH a MATCH (a)-[*]-(b) RETURN count(*) AS n;
// @expect: rows
// | n |
// | 0 |

// @name: a labelled end that exists, written on the right
MATCH (b)-[*1..2]-(a:Country {code: 'US'}) RETURN count(*) AS n;
// @expect-plan: NodeIndexSeek(#1:Country(code)), VarLengthExpand((#1)-[#2*1..2]-(#0))
// @expect: rows
// | n  |
// | 57 |
