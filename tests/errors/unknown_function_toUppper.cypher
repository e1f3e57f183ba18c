RETURN toUppper('abc') AS s
