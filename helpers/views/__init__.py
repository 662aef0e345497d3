"""Figure builders: take data, return a plotly figure. No widgets here."""
