CALL db.index.fulltext.queryRelationships('said', '"peace talks') YIELD relationship RETURN relationship
