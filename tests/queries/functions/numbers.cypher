// @graph: empty

// @name: abs keeps the type
RETURN abs(-3) AS a, abs(3) AS b, abs(-1.5) AS c, abs(null) AS d;
// @expect: rows
// | a | b | c   | d    |
// | 3 | 3 | 1.5 | null |

// @name: ceil and floor return floats
RETURN ceil(1.2) AS a, ceil(-1.2) AS b, floor(1.8) AS c, floor(-1.2) AS d, ceil(2) AS e;
// @expect: rows
// | a   | b    | c   | d    | e   |
// | 2.0 | -1.0 | 1.0 | -2.0 | 2.0 |

// @name: round to the nearest integer, halves up
RETURN round(1.4) AS a, round(1.5) AS b, round(2.5) AS c, round(-1.4) AS d, round(3) AS e;
// @expect: rows
// | a   | b   | c   | d    | e   |
// | 1.0 | 2.0 | 3.0 | -1.0 | 3.0 |

// @name: round with a precision
RETURN round(3.14159, 2) AS a, round(2.675, 1) AS b;
// @expect: rows
// | a    | b   |
// | 3.14 | 2.7 |

// @name: sign returns an integer
RETURN sign(-5) AS a, sign(0) AS b, sign(2.5) AS c, sign(-0.1) AS d;
// @expect: rows
// | a  | b | c | d  |
// | -1 | 0 | 1 | -1 |

// @name: sqrt
RETURN sqrt(16) AS a, sqrt(2.25) AS b, sqrt(-1) AS c;
// @expect: rows
// | a   | b   | c   |
// | 4.0 | 1.5 | NaN |

// @name: exp, log, log10
RETURN exp(0) AS a, log(1) AS b, log10(100) AS c, log10(1000) AS d;
// @expect: rows
// | a   | b   | c   | d   |
// | 1.0 | 0.0 | 2.0 | 3.0 |

// @name: log of zero and of a negative number
RETURN log(0) AS a, log(-1) AS b;
// @expect: rows
// | a         | b   |
// | -Infinity | NaN |

// @name: e and pi
RETURN e() AS e, pi() AS pi;
// @expect: rows
// | e                 | pi                |
// | 2.718281828459045 | 3.141592653589793 |

// @name: rand is in [0, 1)
UNWIND range(1, 50) AS i WITH rand() AS r RETURN min(r) >= 0.0 AS lo, max(r) < 1.0 AS hi;
// @expect: rows
// | lo   | hi   |
// | true | true |

// @name: toInteger conversions
RETURN toInteger(4.7) AS a, toInteger('42') AS b, toInteger('-3') AS c, toInteger('4.7') AS d, toInteger('x') AS e, toInteger(null) AS f;
// @expect: rows
// | a | b  | c  | d | e    | f    |
// | 4 | 42 | -3 | 4 | null | null |

// @name: toInteger truncates negative floats toward zero
RETURN toInteger(-4.7) AS a;
// @expect: rows
// | a  |
// | -4 |

// @name: toFloat conversions
RETURN toFloat(2) AS a, toFloat('1.5') AS b, toFloat('x') AS c, toFloat(null) AS d, toFloat(2.5) AS e;
// @expect: rows
// | a   | b   | c    | d    | e   |
// | 2.0 | 1.5 | null | null | 2.5 |

// @name: toBoolean conversions
RETURN toBoolean('true') AS a, toBoolean('FALSE') AS b, toBoolean('yes') AS c, toBoolean(true) AS d, toBoolean(null) AS e;
// @expect: rows
// | a    | b     | c    | d    | e    |
// | true | false | null | true | null |

// @name: toInteger of a list is an error
WITH [1] AS l RETURN toInteger(l) AS x;
// @expect: error TypeError InvalidArgumentValue

// @name: sqrt of a string is a type error
WITH 'x' AS s RETURN sqrt(s) AS x;
// @expect: error TypeError InvalidArgumentType
