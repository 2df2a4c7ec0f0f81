"""办事事项: the catalogue of government services that policies point to (政策+解读+办事)."""
