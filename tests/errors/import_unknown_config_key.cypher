CALL plenary.import.relationships('votes.csv', {type: 'VOTED', from: {label: 'Country', key: 'name', column: 'country'}, to: {label: 'Resolution', key: 'rcid', colunm: 'rcid'}})
