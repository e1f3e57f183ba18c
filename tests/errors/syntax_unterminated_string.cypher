RETURN 'hello AS greeting
