// @graph: empty

// @name: integer arithmetic
RETURN 1 + 2 AS a, 5 - 7 AS b, 3 * 4 AS c, 7 / 2 AS d, 7 % 3 AS e;
// @expect: rows
// | a | b  | c  | d | e |
// | 3 | -2 | 12 | 3 | 1 |

// @name: integer division truncates toward zero
RETURN -7 / 2 AS a, -7 % 3 AS b;
// @expect: rows
// | a  | b  |
// | -3 | -1 |

// @name: mixing integers and floats gives floats
RETURN 1 + 2.0 AS a, 7 / 2.0 AS b, 2.5 * 2 AS c;
// @expect: rows
// | a   | b   | c   |
// | 3.0 | 3.5 | 5.0 |

// @name: power always returns a float
RETURN 2 ^ 3 AS a, 2 ^ -1 AS b, 4 ^ 0.5 AS c;
// @expect: rows
// | a   | b   | c   |
// | 8.0 | 0.5 | 2.0 |

// @name: power associates to the left
RETURN 2 ^ 3 ^ 2 AS x;
// @expect: rows
// | x    |
// | 64.0 |

// @name: precedence of multiplication over addition
RETURN 1 + 2 * 3 AS a, (1 + 2) * 3 AS b, -2 ^ 2 AS c;
// @expect: rows
// | a | b | c   |
// | 7 | 9 | 4.0 |

// @name: float modulo
RETURN 7.5 % 2 AS a;
// @expect: rows
// | a   |
// | 1.5 |

// @name: float division by zero gives infinity or NaN
RETURN 1.0 / 0 AS a, -1.0 / 0 AS b, 0.0 / 0 AS c;
// @expect: rows
// | a        | b         | c   |
// | Infinity | -Infinity | NaN |

// @name: integer division by zero is an error
RETURN 1 / 0 AS x;
// @expect: error ArithmeticError DivisionByZero

// @name: integer modulo by zero is an error
RETURN 1 % 0 AS x;
// @expect: error ArithmeticError DivisionByZero

// @name: integer overflow on addition
RETURN 9223372036854775807 + 1 AS x;
// @expect: error ArithmeticError IntegerOverflow

// @name: integer overflow on multiplication
RETURN 4611686018427387904 * 2 AS x;
// @expect: error ArithmeticError IntegerOverflow

// @name: integer overflow on subtraction
RETURN -9223372036854775807 - 2 AS x;
// @expect: error ArithmeticError IntegerOverflow

// @name: the smallest integer literal is fine
RETURN -9223372036854775808 AS x;
// @expect: rows
// | x                    |
// | -9223372036854775808 |

// @name: an integer literal too large is a syntax error
RETURN 9223372036854775808 AS x;
// @expect: error SyntaxError IntegerOverflow

// @name: arithmetic with null is null
RETURN 1 + null AS a, null * 2 AS b, -null AS c;
// @expect: rows
// | a    | b    | c    |
// | null | null | null |

// @name: unary minus
RETURN -(3) AS a, - -3 AS b, -1.5 AS c;
// @expect: rows
// | a  | b | c    |
// | -3 | 3 | -1.5 |

// @name: string concatenation with plus
RETURN 'a' + 'b' AS a, 'n' + 1 AS b, 1.5 + 'x' AS c;
// @expect: rows
// | a    | b    | c     |
// | 'ab' | 'n1' | '1.5x' |

// @name: list concatenation with plus
RETURN [1, 2] + [3] AS a, [1] + 2 AS b, 0 + [1] AS c;
// @expect: rows
// | a         | b      | c      |
// | [1, 2, 3] | [1, 2] | [0, 1] |

// @name: adding a boolean to a number is a type error
WITH true AS t RETURN 1 + t AS x;
// @expect: error TypeError InvalidArgumentType

// @name: hexadecimal and octal literals
RETURN 0x1F AS a, 0o17 AS b, -0x10 AS c;
// @expect: rows
// | a  | b  | c   |
// | 31 | 15 | -16 |

// @name: float literal forms
RETURN 1e3 AS a, .5 AS b, 1.5E-2 AS c;
// @expect: rows
// | a      | b   | c     |
// | 1000.0 | 0.5 | 0.015 |

// @name: float precision is IEEE double
RETURN 0.1 + 0.2 AS x;
// @expect: rows
// | x                   |
// | 0.30000000000000004 |
