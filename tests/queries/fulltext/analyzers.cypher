// @graph: empty
CREATE FULLTEXT INDEX plain FOR (n:Doc) ON EACH [n.text];
CREATE FULLTEXT INDEX stop FOR (n:Doc) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard'}};
CREATE FULLTEXT INDEX en FOR (n:Doc) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english', `fulltext.eventually_consistent`: false}};
CREATE (:Doc {k: 0, text: 'The Peacekeepers of the mission'}),
       (:Doc {k: 1, text: "Syria's peacekeeping forces"}),
       (:Doc {k: 2, text: 'CÔTE D’IVOIRE: élections, 2024'}),
       (:Doc {k: 3, text: 'nuclear tests and testing'});

// @name: standard-no-stop-words (the default) keeps stop words
CALL db.index.fulltext.queryNodes('plain', 'the') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: standard drops English stop words: the query matches nothing
CALL db.index.fulltext.queryNodes('stop', 'the') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: matching is case-insensitive
CALL db.index.fulltext.queryNodes('plain', 'PEACEKEEPERS') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: Unicode letters are letters, lowercased; punctuation splits
CALL db.index.fulltext.queryNodes('plain', 'côte AND élections AND 2024') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [2] |

// @name: a curly apostrophe inside a word keeps it one token
CALL db.index.fulltext.queryNodes('plain', "d'ivoire") YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [2] |

// @name: without stemming, inflections differ
CALL db.index.fulltext.queryNodes('plain', 'test') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: english stems both sides: test matches tests and testing
CALL db.index.fulltext.queryNodes('en', 'test') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [3] |

// @name: english strips possessives: syria matches Syria's
CALL db.index.fulltext.queryNodes('en', 'syria') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [1] |

// @name: english: peacekeepers and peacekeeping share a stem
CALL db.index.fulltext.queryNodes('en', 'peacekeepers') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks     |
// | [0, 1] |

// @name: a stop word in a required clause drops out instead of failing it
CALL db.index.fulltext.queryNodes('en', 'nuclear AND the') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [3] |

// @name: a stop word keeps its position: the phrase does not close the gap
CALL db.index.fulltext.queryNodes('en', '"peacekeepers mission"') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks |
// | [] |

// @name: the phrase with the gap written matches
CALL db.index.fulltext.queryNodes('en', '"peacekeepers of the mission"') YIELD node RETURN collect(node.k) AS ks;
// @expect: rows
// | ks  |
// | [0] |

// @name: an unknown analyzer is refused, naming the known ones
CREATE FULLTEXT INDEX bad FOR (n:Doc) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'klingon'}};
// @expect: error SemanticError InvalidIndexOptions

// @name: an unknown setting is refused
CREATE FULLTEXT INDEX bad FOR (n:Doc) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.stemmer`: 'x'}};
// @expect: error SemanticError InvalidIndexOptions
