CALL db.index.fulltext.queryNodes('talk', 'syria:[a TO b]') YIELD node RETURN node
