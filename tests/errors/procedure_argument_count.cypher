CALL plenary.import.relationships('votes.csv')
