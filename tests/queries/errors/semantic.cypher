// @graph: empty

// @name: undefined variable in RETURN
MATCH (p) RETURN q;
// @expect: error SyntaxError UndefinedVariable at 1:18

// @name: undefined variable in WHERE
MATCH (p) WHERE x.name = 'a' RETURN p;
// @expect: error SyntaxError UndefinedVariable at 1:17

// @name: undefined variable on a later line
MATCH (a)
RETURN b;
// @expect: error SyntaxError UndefinedVariable at 2:8

// @name: variable out of scope after WITH
MATCH (a), (b) WITH a RETURN b;
// @expect: error SyntaxError UndefinedVariable at 1:30

// @name: undefined variable in ORDER BY after aggregation
UNWIND [1] AS x RETURN count(x) AS c ORDER BY x;
// @expect: error SyntaxError UndefinedVariable

// @name: undefined variable inside a list comprehension
RETURN [x IN [1] | y] AS l;
// @expect: error SyntaxError UndefinedVariable at 1:20

// @name: relationship variable bound twice in one pattern
MATCH (a)-[r]->(b)-[r]->(c) RETURN r;
// @expect: error SyntaxError RelationshipUniquenessViolation

// @name: a bound node re-created with properties
MATCH (a) CREATE (a {x: 1});
// @expect: error SyntaxError VariableAlreadyBound

// @name: a node variable used as a relationship
MATCH (a)-[a]->(b) RETURN a;
// @expect: error SyntaxError VariableTypeConflict

// @name: aggregate in WHERE
MATCH (n) WHERE count(n) > 1 RETURN n;
// @expect: error SyntaxError InvalidAggregation

// @name: aggregate in a MATCH property map
MATCH (n {x: count(*)}) RETURN n;
// @expect: error SyntaxError InvalidAggregation

// @name: nested aggregates
UNWIND [1, 2] AS x RETURN count(count(x)) AS c;
// @expect: error SyntaxError NestedAggregation

// @name: nested aggregate inside an expression
UNWIND [1, 2] AS x RETURN sum(x + max(x)) AS c;
// @expect: error SyntaxError NestedAggregation

// @name: unknown function
RETURN frobnicate(1) AS x;
// @expect: error SyntaxError UnknownFunction at 1:8

// @name: misspelled function
RETURN toUppper('a') AS x;
// @expect: error SyntaxError UnknownFunction

// @name: too few arguments
RETURN substring() AS x;
// @expect: error SyntaxError InvalidNumberOfArguments

// @name: too many arguments
RETURN toUpper('a', 'b') AS x;
// @expect: error SyntaxError InvalidNumberOfArguments

// @name: aggregate with too many arguments
UNWIND [1] AS x RETURN count(x, x) AS c;
// @expect: error SyntaxError InvalidNumberOfArguments

// @name: an aggregate mixed with a non-grouped variable is ambiguous
UNWIND [1, 2] AS x RETURN x + count(*) AS y;
// @expect: error SyntaxError AmbiguousAggregationExpression

// @name: a grouping key reused inside the aggregate expression is fine
UNWIND [1, 2] AS x RETURN x, x + count(*) AS y;
// @expect: rows
// | x | y |
// | 1 | 2 |
// | 2 | 3 |

// @name: a procedure called with the wrong number of arguments
CALL plenary.import.relationships('x.csv');
// @expect: error SyntaxError InvalidNumberOfArguments

// @name: a procedure that takes none, given one
CALL db.labels('x');
// @expect: error SyntaxError InvalidNumberOfArguments
