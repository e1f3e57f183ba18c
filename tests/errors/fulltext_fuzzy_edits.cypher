CALL db.index.fulltext.queryNodes('talk', 'peace~5') YIELD node RETURN node
