"""The public portal: home page, site bootstrap and shared public templates."""
