RETURN {name 'Ada'} AS m
