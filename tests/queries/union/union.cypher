// @graph: empty

// @name: UNION removes duplicates
RETURN 1 AS x UNION RETURN 1 AS x;
// @expect: rows
// | x |
// | 1 |

// @name: UNION ALL keeps duplicates
RETURN 1 AS x UNION ALL RETURN 1 AS x;
// @expect: rows
// | x |
// | 1 |
// | 1 |

// @name: UNION of different values
RETURN 1 AS x UNION RETURN 2 AS x;
// @expect: rows
// | x |
// | 1 |
// | 2 |

// @name: UNION deduplicates within one branch too
UNWIND [1, 1, 2] AS x RETURN x UNION UNWIND [2, 3] AS x RETURN x;
// @expect: rows
// | x |
// | 1 |
// | 2 |
// | 3 |

// @name: UNION ALL of three branches
RETURN 'a' AS s UNION ALL RETURN 'b' AS s UNION ALL RETURN 'a' AS s;
// @expect: rows
// | s   |
// | 'a' |
// | 'b' |
// | 'a' |

// @name: UNION with different column names is an error
RETURN 1 AS a UNION RETURN 1 AS b;
// @expect: error SyntaxError DifferentColumnsInUnion

// @name: mixing UNION and UNION ALL is an error
RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a;
// @expect: error SyntaxError InvalidClauseComposition

// @name: UNION over graph data
CREATE (:A {v: 1}), (:B {v: 1}), (:B {v: 2});
MATCH (a:A) RETURN a.v AS v UNION MATCH (b:B) RETURN b.v AS v;
// @expect: rows
// | v |
// | 1 |
// | 2 |

// @name: UNION ALL over graph data
MATCH (a:A) RETURN a.v AS v UNION ALL MATCH (b:B) RETURN b.v AS v;
// @expect: rows
// | v |
// | 1 |
// | 1 |
// | 2 |

// @name: UNION with null values deduplicates nulls
RETURN null AS x UNION RETURN null AS x;
// @expect: rows
// | x    |
// | null |

// @name: UNION where one branch is empty
MATCH (n:Nothing) RETURN n.v AS v UNION RETURN 7 AS v;
// @expect: rows
// | v |
// | 7 |
