CALL plenary.algo.pageRank({nodes: 'Country', relationships: 'VOTED', damping: 0.5}) YIELD node, score RETURN node, score
