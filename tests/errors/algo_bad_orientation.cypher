CALL plenary.algo.louvain({relationships: {VOTED: {orientation: 'SIDEWAYS'}}}) YIELD node RETURN node
