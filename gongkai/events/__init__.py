"""在线访谈、新闻发布会、政策吹风会: events linked to the policies they explain."""
