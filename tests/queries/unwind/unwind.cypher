// @graph: empty

// @name: unwind a list literal
UNWIND [1, 2, 3] AS x RETURN x;
// @expect: rows
// | x |
// | 1 |
// | 2 |
// | 3 |

// @name: unwind an empty list yields no rows
UNWIND [] AS x RETURN x;
// @expect: rows
// | x |

// @name: unwind null yields no rows
UNWIND null AS x RETURN x;
// @expect: rows
// | x |

// @name: unwind a non-list value yields that value once
UNWIND 5 AS x RETURN x;
// @expect: rows
// | x |
// | 5 |

// @name: unwind keeps null elements
UNWIND [1, null, 2] AS x RETURN x;
// @expect: rows
// | x    |
// | 1    |
// | null |
// | 2    |

// @name: nested unwind makes a product
UNWIND [1, 2] AS x UNWIND ['a', 'b'] AS y RETURN x, y;
// @expect: rows
// | x | y   |
// | 1 | 'a' |
// | 1 | 'b' |
// | 2 | 'a' |
// | 2 | 'b' |

// @name: unwind a list of lists one level only
UNWIND [[1, 2], [3]] AS x RETURN x;
// @expect: rows
// | x      |
// | [1, 2] |
// | [3]    |

// @name: double unwind flattens
UNWIND [[1, 2], [3]] AS x UNWIND x AS y RETURN y;
// @expect: rows
// | y |
// | 1 |
// | 2 |
// | 3 |

// @name: unwind range
UNWIND range(1, 3) AS x RETURN x * x AS sq;
// @expect: rows
// | sq |
// | 1  |
// | 4  |
// | 9  |

// @name: unwind a parameter
// @param xs = ['a', 'b']
UNWIND $xs AS x RETURN x;
// @expect: rows
// | x   |
// | 'a' |
// | 'b' |

// @name: unwind a collected list restores the rows
WITH [3, 1, 2] AS l UNWIND l AS x WITH collect(x) AS c UNWIND c AS y RETURN y;
// @expect: rows
// | y |
// | 3 |
// | 1 |
// | 2 |

// @name: unwind used to create nodes
UNWIND ['a', 'b', 'c'] AS name CREATE (:U {name: name});
// @expect: ok nodes_created=3 labels_added=3 properties_set=3

// @name: unwind maps and read their keys
UNWIND [{k: 1}, {k: 2}] AS m RETURN m.k AS k;
// @expect: rows
// | k |
// | 1 |
// | 2 |

// @name: unwind with an existing variable name is an error
WITH 1 AS x UNWIND [1] AS x RETURN x;
// @expect: error SyntaxError VariableAlreadyBound

// @name: unwind after a match multiplies rows
MATCH (u:U) UNWIND [1, 2] AS i RETURN count(*) AS c;
// @expect: rows
// | c |
// | 6 |

// @name: unwind an empty list removes the row from a later aggregation
UNWIND [] AS x RETURN count(x) AS c;
// @expect: rows
// | c |
// | 0 |
