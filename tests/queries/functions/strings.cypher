// @graph: empty

// @name: toLower and toUpper
RETURN toLower('HeLLo') AS l, toUpper('HeLLo') AS u, toUpper(null) AS n;
// @expect: rows
// | l       | u       | n    |
// | 'hello' | 'HELLO' | null |

// @name: trim, ltrim, rtrim
RETURN trim('  a b  ') AS t, ltrim('  a ') AS l, rtrim(' a  ') AS r;
// @expect: rows
// | t     | l    | r    |
// | 'a b' | 'a ' | ' a' |

// @name: replace every occurrence
RETURN replace('hello', 'l', 'L') AS a, replace('aaa', 'aa', 'b') AS b, replace('abc', 'x', 'y') AS c;
// @expect: rows
// | a       | b    | c     |
// | 'heLLo' | 'ba' | 'abc' |

// @name: split on a delimiter keeps empty parts
RETURN split('a,b,,c', ',') AS a, split('abc', ',') AS b, split('a--b', '--') AS c;
// @expect: rows
// | a                   | b       | c          |
// | ['a', 'b', '', 'c'] | ['abc'] | ['a', 'b'] |

// @name: substring with and without a length
RETURN substring('hello', 1, 3) AS a, substring('hello', 2) AS b, substring('hello', 0, 0) AS c, substring('hello', 10) AS d;
// @expect: rows
// | a     | b     | c  | d  |
// | 'ell' | 'llo' | '' | '' |

// @name: substring with a length past the end is clipped
RETURN substring('hello', 3, 10) AS a;
// @expect: rows
// | a    |
// | 'lo' |

// @name: substring with a negative start is an error
RETURN substring('hello', -1) AS a;
// @expect: error ArgumentError InvalidArgumentValue

// @name: left and right
RETURN left('hello', 2) AS l, right('hello', 2) AS r, left('hi', 10) AS l2, right('hi', 0) AS r0;
// @expect: rows
// | l    | r    | l2   | r0 |
// | 'he' | 'lo' | 'hi' | '' |

// @name: string functions on null return null
RETURN trim(null) AS a, replace(null, 'a', 'b') AS b, split(null, ',') AS c, left(null, 1) AS d, substring(null, 1) AS e;
// @expect: rows
// | a    | b    | c    | d    | e    |
// | null | null | null | null | null |

// @name: toUpper of a number is a type error
WITH 1 AS x RETURN toUpper(x) AS u;
// @expect: error TypeError InvalidArgumentType

// @name: toString of each kind of value
RETURN toString(1) AS a, toString(1.5) AS b, toString(true) AS c, toString('s') AS d, toString(null) AS e;
// @expect: rows
// | a   | b     | c      | d   | e    |
// | '1' | '1.5' | 'true' | 's' | null |

// @name: toString of a whole float keeps the decimal point
RETURN toString(2.0) AS a;
// @expect: rows
// | a     |
// | '2.0' |

// @name: string functions count characters, not bytes
RETURN size('héllo') AS s, substring('héllo', 1, 2) AS sub, reverse('añb') AS r, toUpper('é') AS u;
// @expect: rows
// | s | sub  | r     | u   |
// | 5 | 'él' | 'bña' | 'É' |
