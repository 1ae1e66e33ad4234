# La locale CLDR dont les dates et les nombres de cette langue suivent les conventions (src/i18n/format.rs).
format-locale = fr

# Un montant : { $amount } est le nombre, déjà écrit avec les séparateurs de cette langue.
money-usd = { $amount } $US
money-eur = { $amount } €
