"""How decisions are decided: the registry of voting methods (`registry`) and one module per method (`methods/`)."""
