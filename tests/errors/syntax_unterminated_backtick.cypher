MATCH (`odd name) RETURN 1
