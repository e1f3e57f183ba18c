// @graph: empty
// BM25 on a four-document corpus (one field, standard-no-stop-words):
// N = 4, lengths 3, 2, 4, 1, avgdl = 2.5, k1 = 1.2, b = 0.75,
// idf = ln(1 + (N - df + 0.5) / (df + 0.5)), score = idf · tf / (tf + k1 · (1 - b + b · dl / avgdl)).
// 'peace': df = 2, idf = ln 2; d0 (tf 2, dl 3): ln 2 · 2 / (2 + 1.38) = 0.410146;
// d1 (tf 1, dl 2): ln 2 · 1 / (1 + 1.02) = 0.343142.
// 'war': df = 1, idf = ln(10/3); d3 (tf 1, dl 1): 1.203973 · 1 / 1.66 = 0.725285.
CREATE FULLTEXT INDEX docs FOR (n:Doc) ON EACH [n.text];
CREATE (:Doc {k: 0, text: 'peace peace treaty'}), (:Doc {k: 1, text: 'peace talks'}),
       (:Doc {k: 2, text: 'nuclear treaty talks now'}), (:Doc {k: 3, text: 'war'});

// @name: a single term, scores by hand
CALL db.index.fulltext.queryNodes('docs', 'peace') YIELD node, score
RETURN node.k AS k, round(score, 6) AS score ORDER BY score DESC;
// @expect: rows ordered
// | k | score    |
// | 0 | 0.410146 |
// | 1 | 0.343142 |

// @name: a rare term scores higher
CALL db.index.fulltext.queryNodes('docs', 'war') YIELD node, score
RETURN node.k AS k, round(score, 6) AS score;
// @expect: rows
// | k | score    |
// | 3 | 0.725285 |

// @name: OR sums the terms' scores; results come best first
CALL db.index.fulltext.queryNodes('docs', 'treaty talks') YIELD node, score
RETURN collect(node.k) AS ranked, collect(round(score, 6)) AS scores;
// @expect: rows
// | ranked    | scores                           |
// | [2, 1, 0] | [0.505947, 0.343142, 0.291238]   |

// @name: a phrase scores the sum of its terms' idf with its frequency
CALL db.index.fulltext.queryNodes('docs', '"treaty talks"') YIELD node, score
RETURN node.k AS k, round(score, 6) AS score;
// @expect: rows
// | k | score    |
// | 2 | 0.505947 |

// @name: ties come in id order
CREATE (:Doc {k: 4, text: 'war'});
// @expect: ok nodes_created=1

// @name: equal documents tie, the lower id first
CALL db.index.fulltext.queryNodes('docs', 'war') YIELD node, score
RETURN collect(node.k) AS ranked;
// @expect: rows
// | ranked |
// | [3, 4] |

// @name: skip and limit
CALL db.index.fulltext.queryNodes('docs', 'peace OR talks OR war', {skip: 1, limit: 2}) YIELD node
RETURN count(*) AS n;
// @expect: rows
// | n |
// | 2 |

// @name: prefix queries score a constant 1 per field
CALL db.index.fulltext.queryNodes('docs', 'tal*') YIELD node, score
RETURN collect(node.k) AS ranked, collect(score) AS scores;
// @expect: rows
// | ranked | scores     |
// | [1, 2] | [1.0, 1.0] |

// @name: a multi-field index sums the fields' scores (each field with its own statistics)
CREATE FULLTEXT INDEX two FOR (n:Two) ON EACH [n.a, n.b];
// @expect: ok indexes_added=1

// @name: two documents in two fields
CREATE (:Two {k: 0, a: 'peace', b: 'peace'}), (:Two {k: 1, a: 'peace'}), (:Two {k: 2, b: 'war'});
// @expect: ok nodes_created=3

// @name: field a: N = 2, df = 2, idf = ln 1.2, tf part 1 / 2.2 = 0.082873; field b: N = 2, df = 1, idf = ln 2, 0.315067; summed 0.39794
CALL db.index.fulltext.queryNodes('two', 'peace') YIELD node, score
RETURN collect(node.k) AS ranked, collect(round(score, 6)) AS scores;
// @expect: rows
// | ranked | scores               |
// | [0, 1] | [0.39794, 0.082873] |

// @name: a field restriction looks in that property only
CALL db.index.fulltext.queryNodes('two', 'b:peace') YIELD node, score
RETURN collect(node.k) AS ranked, collect(round(score, 6)) AS scores;
// @expect: rows
// | ranked | scores     |
// | [0]    | [0.315067] |
