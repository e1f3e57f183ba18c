// @graph: empty

// @name: missing parameter
RETURN $nope AS x;
// @expect: error ParameterMissing MissingParameter

// @name: property access on a literal integer is rejected before running (as the TCK expects)
WITH 1 AS x RETURN x.name AS n;
// @expect: error SyntaxError InvalidArgumentType

// @name: property access on an integer found at run time is a type error
UNWIND [1] AS x RETURN x.name AS n;
// @expect: error TypeError InvalidArgumentType

// @name: adding a map to a number is a type error
WITH {a: 1} AS m RETURN m + 1 AS x;
// @expect: error TypeError InvalidArgumentType

// @name: map access with a non-string key is a type error
WITH {a: 1} AS m, 1 AS k RETURN m[k] AS x;
// @expect: error TypeError MapElementAccessByNonString

// @name: a runtime error stops the statement even after some rows
UNWIND [1, 0] AS d RETURN 10 / d AS x;
// @expect: error ArithmeticError DivisionByZero

// @name: overflow inside an aggregate
UNWIND [9223372036854775807, 1] AS x RETURN sum(x) AS s;
// @expect: error ArithmeticError IntegerOverflow

// @name: negating the smallest integer overflows
WITH -9223372036854775808 AS x RETURN -x AS y;
// @expect: error ArithmeticError IntegerOverflow

// @name: the import's file must be a string
CALL plenary.import.relationships(42, {}) YIELD rows RETURN rows;
// @expect: error TypeError InvalidArgumentType

// @name: the import's config must be a map
CALL plenary.import.relationships('x.csv', [1]);
// @expect: error TypeError InvalidArgumentType

// @name: an unknown key in the import's config is named
CALL plenary.import.relationships('x.csv', {type: 'R', bogus: 1});
// @expect: error ArgumentError InvalidArgumentValue
