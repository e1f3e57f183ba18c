// @graph: empty

// @name: STARTS WITH, ENDS WITH, CONTAINS
RETURN 'hello' STARTS WITH 'he' AS a, 'hello' ENDS WITH 'lo' AS b, 'hello' CONTAINS 'ell' AS c, 'hello' CONTAINS 'xyz' AS d;
// @expect: rows
// | a    | b    | c    | d     |
// | true | true | true | false |

// @name: string predicates are case-sensitive
RETURN 'Hello' STARTS WITH 'he' AS a;
// @expect: rows
// | a     |
// | false |

// @name: empty string is a prefix, suffix and substring of everything
RETURN 'abc' STARTS WITH '' AS a, 'abc' ENDS WITH '' AS b, '' CONTAINS '' AS c;
// @expect: rows
// | a    | b    | c    |
// | true | true | true |

// @name: string predicates with null or non-strings are null
RETURN null STARTS WITH 'a' AS a, 'a' ENDS WITH null AS b, 1 CONTAINS '1' AS c, 'a1' CONTAINS 1 AS d;
// @expect: rows
// | a    | b    | c    | d    |
// | null | null | null | null |

// @name: regular expression must match the whole string
RETURN 'abc' =~ 'a.c' AS a, 'abcd' =~ 'a.c' AS b, 'abcd' =~ 'a.c.*' AS c;
// @expect: rows
// | a    | b     | c    |
// | true | false | true |

// @name: case-insensitive regular expression flag
RETURN 'ABC' =~ '(?i)abc' AS a;
// @expect: rows
// | a    |
// | true |

// @name: regular expression with null is null
RETURN null =~ 'a' AS a, 'a' =~ null AS b;
// @expect: rows
// | a    | b    |
// | null | null |

// @name: string escapes in literals
RETURN 'it\'s' AS a, "say \"hi\"" AS b, 'tab\there' AS c, size('\n') AS d;
// @expect: rows
// | a      | b          | c            | d |
// | 'it\'s' | 'say "hi"' | 'tab\there'  | 1 |

// @name: unicode escape
RETURN '\u00e9' AS e;
// @expect: rows
// | e   |
// | 'é' |

// @name: strings compare by code point
RETURN 'a' < 'b' AS a, 'Z' < 'a' AS b, 'ab' < 'abc' AS c, '' < 'a' AS d;
// @expect: rows
// | a    | b    | c    | d    |
// | true | true | true | true |
