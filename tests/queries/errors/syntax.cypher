// @graph: empty

// @name: unclosed parenthesis
MATCH (a RETURN a;
// @expect: error SyntaxError UnexpectedSyntax

// @name: misspelled keyword
MATCH (n) RETRUN n;
// @expect: error SyntaxError UnexpectedSyntax

// @name: missing RETURN expression
MATCH (n) RETURN;
// @expect: error SyntaxError UnexpectedSyntax

// @name: trailing comma in RETURN
RETURN 1 AS a, AS b;
// @expect: error SyntaxError UnexpectedSyntax

// @name: invalid operator
RETURN 1 === 1 AS x;
// @expect: error SyntaxError UnexpectedSyntax

// @name: unclosed list
RETURN [1, 2 AS x;
// @expect: error SyntaxError UnexpectedSyntax

// @name: map without a colon
RETURN {a 1} AS m;
// @expect: error SyntaxError UnexpectedSyntax

// @name: WHERE without a preceding clause
WHERE 1 = 1 RETURN 1;
// @expect: error SyntaxError UnexpectedSyntax

// @name: relationship pattern missing a bracket
MATCH (a)-[:R->(b) RETURN a;
// @expect: error SyntaxError UnexpectedSyntax

// @name: a number with letters
RETURN 12abc AS x;
// @expect: error SyntaxError InvalidNumberLiteral

// @name: RETURN not at the end
RETURN 1 AS x MATCH (n) RETURN n;
// @expect: error SyntaxError InvalidClauseComposition

// @name: keywords are case-insensitive
match (n) return count(n) as c;
// @expect: rows
// | c |
// | 0 |

// @name: comments inside a query are ignored
MATCH (n) /* block */ RETURN count(n) // line
AS c;
// @expect: rows
// | c |
// | 0 |
