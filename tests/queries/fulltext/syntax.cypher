// @graph: empty
CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.text, n.title];
CREATE (:Doc {k: 0, title: 'Peace', text: 'peace talks in Geneva'}),
       (:Doc {k: 1, title: 'War', text: 'war and peace'}),
       (:Doc {k: 2, title: 'Tests', text: 'nuclear tests in the Pacific'}),
       (:Doc {k: 3, title: 'Syria', text: 'peacekeepers for Syria'});

// @name: juxtaposition is OR
CALL db.index.fulltext.queryNodes('docs', 'geneva pacific') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 2 |

// @name: AND (and &&)
CALL db.index.fulltext.queryNodes('docs', 'peace AND war') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [1] |

// @name: && is AND
CALL db.index.fulltext.queryNodes('docs', 'peace && talks') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: NOT excludes
CALL db.index.fulltext.queryNodes('docs', 'peace NOT war') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |

// @name: + requires, - excludes
CALL db.index.fulltext.queryNodes('docs', '+peace -talks') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [1] |

// @name: a purely negative query matches nothing (as in Lucene)
CALL db.index.fulltext.queryNodes('docs', 'NOT war') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: AND binds tighter than OR; parentheses group
CALL db.index.fulltext.queryNodes('docs', '(geneva OR pacific) AND (talks OR nuclear)') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 2 |

// @name: a prefix
CALL db.index.fulltext.queryNodes('docs', 'peace*') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 1 |
// | 3 |

// @name: a wildcard in the middle
CALL db.index.fulltext.queryNodes('docs', 'te?ts') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [2] |

// @name: fuzzy, two edits by default
CALL db.index.fulltext.queryNodes('docs', 'sirya~') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [3] |

// @name: fuzzy with one edit does not reach two
CALL db.index.fulltext.queryNodes('docs', 'genvea~1 OR gineve~1') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: fuzzy with zero edits is the exact term
CALL db.index.fulltext.queryNodes('docs', 'pacifik~0') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: a phrase needs its words in order
CALL db.index.fulltext.queryNodes('docs', '"talks peace"') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: a phrase in order
CALL db.index.fulltext.queryNodes('docs', '"peace talks"') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: a field restricts to one property
CALL db.index.fulltext.queryNodes('docs', 'title:peace') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: a field applies to a group
CALL db.index.fulltext.queryNodes('docs', 'title:(war OR syria)') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 1 |
// | 3 |

// @name: a field the index does not hold matches nothing
CALL db.index.fulltext.queryNodes('docs', 'author:peace') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: a boost multiplies a clause's score
CALL db.index.fulltext.queryNodes('docs', 'geneva pacific^10') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks     |
// | [2, 0] |

// @name: escaped special characters are text
CALL db.index.fulltext.queryNodes('docs', 'peace\\:talks') YIELD node RETURN node.k AS k ORDER BY k;
// @expect: rows ordered
// | k |
// | 0 |
// | 1 |

// @name: the query string can be a parameter
// @param q = 'nuclear'
CALL db.index.fulltext.queryNodes('docs', $q) YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [2] |

// @name: the procedure works after MATCH, once per row
UNWIND ['geneva', 'syria'] AS w
CALL db.index.fulltext.queryNodes('docs', w) YIELD node
RETURN w, node.k AS k ORDER BY w;
// @expect: rows ordered
// | w        | k |
// | 'geneva' | 0 |
// | 'syria'  | 3 |

// @name: an unclosed parenthesis is an error with a position
CALL db.index.fulltext.queryNodes('docs', 'peace AND (war') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: an unclosed quote
CALL db.index.fulltext.queryNodes('docs', '"peace talks') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: a dangling operator
CALL db.index.fulltext.queryNodes('docs', 'peace AND') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: too many fuzzy edits
CALL db.index.fulltext.queryNodes('docs', 'peace~3') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: range queries are not supported
CALL db.index.fulltext.queryNodes('docs', '[a TO b]') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: an empty query
CALL db.index.fulltext.queryNodes('docs', '   ') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: an unknown index
CALL db.index.fulltext.queryNodes('doc', 'peace') YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: a query that is not a string
CALL db.index.fulltext.queryNodes('docs', 42) YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: an unknown option
CALL db.index.fulltext.queryNodes('docs', 'peace', {top: 3}) YIELD node RETURN node;
// @expect: error ProcedureError ProcedureCallFailed

// @name: too many arguments
CALL db.index.fulltext.queryNodes('docs', 'peace', {}, 1) YIELD node RETURN node;
// @expect: error SyntaxError InvalidNumberOfArguments
