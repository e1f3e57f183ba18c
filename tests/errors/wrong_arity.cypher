RETURN substring() AS s
