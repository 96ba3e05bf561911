"""Shipment screening: parties, goods and route in; CLEAR / REVIEW / BLOCK out, each finding
citing its rule. ``rules/`` holds one module per rule; ``screen.py`` runs them."""
