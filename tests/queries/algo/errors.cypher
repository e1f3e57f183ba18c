// @graph: empty
// Bad configurations of the plenary.algo procedures are errors that say
// what is wrong; none changes anything or panics.
CREATE (a:P {name: 'a'})-[:R {w: -1, s: 'heavy'}]->(b:P {name: 'b'}), (:Q {name: 'q'});

// @name: an unknown key names the known ones
CALL plenary.algo.pageRank({nodes: 'P', damping: 0.5}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: the config must be a map
CALL plenary.algo.wcc('P') YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: a null config is not a map either
CALL plenary.algo.wcc(null) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: the procedures take exactly one argument
CALL plenary.algo.wcc() YIELD node RETURN node;
// @expect: error SyntaxError InvalidNumberOfArguments

// @name: nodes must be a label or a list of labels
CALL plenary.algo.wcc({nodes: 1}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: a list of labels holds strings only
CALL plenary.algo.wcc({nodes: ['P', 2]}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: an unknown orientation
CALL plenary.algo.scc({relationships: {R: {orientation: 'SIDEWAYS'}}}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: an unknown key in a relationship type's map
CALL plenary.algo.scc({relationships: {R: {weigth: 'w'}}}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: a relationship type's settings must be a map
CALL plenary.algo.scc({relationships: {R: 'w'}}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: a negative weight
CALL plenary.algo.pageRank({relationships: {R: {weight: 'w'}}}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: a missing source is found before the projection is read
CALL plenary.algo.dijkstra({source: null, relationships: {R: {weight: 's'}}}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: a weight that is not a number
CALL plenary.algo.louvain({relationships: {R: {weight: 's'}}}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: dampingFactor must be in [0, 1)
CALL plenary.algo.pageRank({dampingFactor: 1.5}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: dampingFactor must be a number
CALL plenary.algo.pageRank({dampingFactor: 'high'}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: maxIterations must be positive
CALL plenary.algo.pageRank({maxIterations: 0}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: maxIterations must be an integer
CALL plenary.algo.pageRank({maxIterations: 2.5}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: resolution must be positive
CALL plenary.algo.louvain({resolution: -1}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: dijkstra needs a source
CALL plenary.algo.dijkstra({relationships: 'R'}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: the source must be a node
CALL plenary.algo.dijkstra({source: 'a'}) YIELD node RETURN node;
// @expect: error TypeError InvalidArgumentType

// @name: the source must be in the projection
MATCH (q:Q)
CALL plenary.algo.dijkstra({source: q, nodes: 'P'}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: an algorithm's key is unknown to another
CALL plenary.algo.wcc({resolution: 1.0}) YIELD node RETURN node;
// @expect: error ArgumentError InvalidArgumentValue

// @name: an output the procedure does not have
CALL plenary.algo.wcc({}) YIELD community RETURN community;
// @expect: error SyntaxError UndefinedVariable

// @name: nothing changed
MATCH (n) RETURN count(n) AS n;
// @expect: rows
// | n |
// | 3 |
