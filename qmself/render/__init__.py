"""Renderers: take results, never compute them."""
