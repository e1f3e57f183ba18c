// @graph: empty
// Three-valued logic and comparisons.

// @name: AND truth table
UNWIND [[true, true], [true, false], [true, null], [false, false], [false, null], [null, null]] AS p
RETURN p[0] AS a, p[1] AS b, p[0] AND p[1] AS r;
// @expect: rows
// | a     | b     | r     |
// | true  | true  | true  |
// | true  | false | false |
// | true  | null  | null  |
// | false | false | false |
// | false | null  | false |
// | null  | null  | null  |

// @name: OR truth table
UNWIND [[true, true], [true, false], [true, null], [false, false], [false, null], [null, null]] AS p
RETURN p[0] AS a, p[1] AS b, p[0] OR p[1] AS r;
// @expect: rows
// | a     | b     | r     |
// | true  | true  | true  |
// | true  | false | true  |
// | true  | null  | true  |
// | false | false | false |
// | false | null  | null  |
// | null  | null  | null  |

// @name: XOR truth table
UNWIND [[true, true], [true, false], [true, null], [false, false], [false, null], [null, null]] AS p
RETURN p[0] AS a, p[1] AS b, p[0] XOR p[1] AS r;
// @expect: rows
// | a     | b     | r     |
// | true  | true  | false |
// | true  | false | true  |
// | true  | null  | null  |
// | false | false | false |
// | false | null  | null  |
// | null  | null  | null  |

// @name: NOT truth table
UNWIND [true, false, null] AS a RETURN a, NOT a AS r;
// @expect: rows
// | a     | r     |
// | true  | false |
// | false | true  |
// | null  | null  |

// @name: AND binds tighter than OR, NOT tighter than AND
RETURN true OR false AND false AS a, NOT true AND false AS b, NOT false OR true AS c;
// @expect: rows
// | a    | b     | c    |
// | true | false | true |

// @name: XOR binds between AND and OR
RETURN true XOR true OR true AS a, false AND true XOR true AS b;
// @expect: rows
// | a    | b    |
// | true | true |

// @name: boolean operator on a literal non-boolean is rejected before running
WITH 1 AS one RETURN one AND true AS x;
// @expect: error SyntaxError InvalidArgumentType

// @name: boolean operator on a non-boolean found at run time is a type error
UNWIND [1] AS one RETURN one AND true AS x;
// @expect: error TypeError InvalidArgumentType

// @name: equality of numbers across types
RETURN 1 = 1.0 AS a, 1 <> 2 AS b, 'a' = 'a' AS c, 1 = '1' AS d;
// @expect: rows
// | a    | b    | c    | d     |
// | true | true | true | false |

// @name: comparisons with null are null
RETURN null = null AS a, null <> 1 AS b, 1 < null AS c, null IS NULL AS d;
// @expect: rows
// | a    | b    | c    | d    |
// | null | null | null | true |

// @name: ordering comparisons on numbers and strings
RETURN 1 < 2 AS a, 2.5 >= 2 AS b, 'abc' < 'abd' AS c, 'B' < 'a' AS d;
// @expect: rows
// | a    | b    | c    | d    |
// | true | true | true | true |

// @name: comparing incomparable types gives null
RETURN 1 < 'a' AS a, [1] < 2 AS b, true > 0 AS c;
// @expect: rows
// | a    | b    | c    |
// | null | null | null |

// @name: chained comparisons mean a conjunction
RETURN 1 < 2 < 3 AS a, 1 < 3 < 2 AS b, 3 > 2 > 1 AS c, 1 <= 1 < 2 AS d;
// @expect: rows
// | a    | b     | c    | d    |
// | true | false | true | true |

// @name: NaN is not equal to itself and not ordered
RETURN 0.0 / 0.0 = 0.0 / 0.0 AS a, 0.0 / 0.0 > 1 AS b, 0.0 / 0.0 < 1 AS c;
// @expect: rows
// | a     | b     | c     |
// | false | false | false |

// @name: list equality is element-wise with nulls
RETURN [1, 2] = [1, 2] AS a, [1, 2] = [2, 1] AS b, [1, null] = [1, null] AS c, [1, null] = [2, null] AS d;
// @expect: rows
// | a    | b     | c    | d     |
// | true | false | null | false |

// @name: map equality
RETURN {a: 1, b: 2} = {b: 2, a: 1} AS a, {a: 1} = {a: 1, b: 2} AS b, {a: null} = {a: null} AS c;
// @expect: rows
// | a    | b     | c    |
// | true | false | null |

// @name: IN with a plain list
RETURN 2 IN [1, 2, 3] AS a, 4 IN [1, 2, 3] AS b, 1 IN [] AS c;
// @expect: rows
// | a    | b     | c     |
// | true | false | false |

// @name: IN with nulls
RETURN null IN [1, 2] AS a, 3 IN [1, null] AS b, 1 IN [1, null] AS c, null IN [] AS d;
// @expect: rows
// | a    | b    | c    | d     |
// | null | null | true | false |

// @name: IN of a list inside a list
RETURN [1, 2] IN [[1, 2], [3]] AS a, [1] IN [1] AS b;
// @expect: rows
// | a    | b     |
// | true | false |

// @name: IN with a null list is null
RETURN 1 IN null AS a;
// @expect: rows
// | a    |
// | null |

// @name: IS NULL and IS NOT NULL
RETURN null IS NULL AS a, 1 IS NULL AS b, null IS NOT NULL AS c, [] IS NOT NULL AS d;
// @expect: rows
// | a    | b     | c     | d    |
// | true | false | false | true |

// @name: comparison of nodes by identity
CREATE (:N {v: 1}), (:N {v: 1});
MATCH (a:N), (b:N) RETURN count(*) AS pairs, sum(CASE WHEN a = b THEN 1 ELSE 0 END) AS same;
// @expect: rows
// | pairs | same |
// | 4     | 2    |
