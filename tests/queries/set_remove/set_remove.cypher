// @graph: empty
CREATE (:P {name: 'a', x: 1, y: 2}), (:P {name: 'b'});

// @name: set a property
MATCH (n:P {name: 'a'}) SET n.x = 10 RETURN n.x AS x;
// @expect: rows properties_set=1
// | x  |
// | 10 |

// @name: set a new property
MATCH (n:P {name: 'b'}) SET n.z = 'new' RETURN n.z AS z;
// @expect: rows properties_set=1
// | z     |
// | 'new' |

// @name: setting a property to null removes it
MATCH (n:P {name: 'a'}) SET n.y = null RETURN n;
// @expect: rows properties_set=1
// | n                        |
// | (:P {name: 'a', x: 10})  |

// @name: set several properties in one SET
MATCH (n:P {name: 'b'}) SET n.p = 1, n.q = 2 RETURN n.p + n.q AS s;
// @expect: rows properties_set=2
// | s |
// | 3 |

// @name: set a property from another property
MATCH (n:P {name: 'b'}) SET n.r = n.p * 100 RETURN n.r AS r;
// @expect: rows
// | r   |
// | 100 |

// @name: plus-equals merges a map into the properties
MATCH (n:P {name: 'a'}) SET n += {x: 11, w: 'w'} RETURN n;
// @expect: rows properties_set=2
// | n                                       |
// | (:P {name: 'a', w: 'w', x: 11})         |

// @name: plus-equals with null in the map removes that property
MATCH (n:P {name: 'a'}) SET n += {w: null} RETURN n;
// @expect: rows properties_set=1
// | n                        |
// | (:P {name: 'a', x: 11})  |

// @name: equals replaces all properties
MATCH (n:P {name: 'a'}) SET n = {name: 'a2', only: true} RETURN n;
// @expect: rows
// | n                               |
// | (:P {name: 'a2', only: true})   |

// @name: equals with an empty map removes all properties
CREATE (t:Tmp {a: 1, b: 2}) SET t = {} RETURN t;
// @expect: rows nodes_created=1
// | t      |
// | (:Tmp) |

// @name: set one label
MATCH (n:P {name: 'b'}) SET n:Extra RETURN n:Extra AS extra, n:P AS p;
// @expect: rows labels_added=1
// | extra | p    |
// | true  | true |

// @name: set several labels, one already present
MATCH (n:P {name: 'b'}) SET n:Extra:More RETURN size(labels(n)) AS c;
// @expect: rows labels_added=1
// | c |
// | 3 |

// @name: remove a label
MATCH (n:P {name: 'b'}) REMOVE n:Extra RETURN n:Extra AS extra, n:More AS more, size(labels(n)) AS c;
// @expect: rows labels_removed=1
// | extra | more | c |
// | false | true | 2 |

// @name: removing a label the node does not have changes nothing
MATCH (n:P {name: 'b'}) REMOVE n:Absent RETURN size(labels(n)) AS c;
// @expect: rows labels_removed=0
// | c |
// | 2 |

// @name: remove a property
MATCH (n:P {name: 'b'}) REMOVE n.z RETURN n.z AS z;
// @expect: rows properties_set=1
// | z    |
// | null |

// @name: removing a missing property is fine
MATCH (n:P {name: 'b'}) REMOVE n.nothing RETURN n.nothing AS v;
// @expect: rows
// | v    |
// | null |

// @name: set on a null variable from OPTIONAL MATCH is a no-op
OPTIONAL MATCH (n:Nothing) SET n.x = 1 RETURN n;
// @expect: rows properties_set=0
// | n    |
// | null |

// @name: set a relationship property
CREATE (:S)-[:R {w: 1}]->(:S);
MATCH ()-[r:R]->() SET r.w = r.w + 1, r.tag = 'x' RETURN r;
// @expect: rows properties_set=2
// | r                       |
// | [:R {tag: 'x', w: 2}]   |

// @name: remove a relationship property
MATCH ()-[r:R]->() REMOVE r.tag RETURN r;
// @expect: rows
// | r            |
// | [:R {w: 2}]  |

// @name: copy properties from one node to another
MATCH (a:P {name: 'a2'}), (b:P {name: 'b'}) SET b = a RETURN b.only AS only, b.name AS name;
// @expect: rows
// | only | name |
// | true | 'a2' |

// @name: setting a map-valued property is a type error
MATCH (n:P {name: 'a2'}) SET n.m = {k: 1};
// @expect: error TypeError InvalidPropertyType

// @name: setting a list of mixed types is a type error
MATCH (n:P {name: 'a2'}) SET n.m = [1, 'a'];
// @expect: error TypeError InvalidPropertyType

// @name: set a label with a parameter map of properties
// @param m = {color: 'red'}
// (two nodes are named 'a2' since `SET b = a` above copied the name)
MATCH (n:P {name: 'a2'}) SET n += $m RETURN n.color AS c;
// @expect: rows properties_set=2
// | c     |
// | 'red' |
// | 'red' |
