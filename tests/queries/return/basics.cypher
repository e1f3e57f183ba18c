// @graph: empty

// @name: literal with alias
RETURN 1 AS x;
// @expect: rows
// | x |
// | 1 |
