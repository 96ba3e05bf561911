"""Small pure text helpers shared by parsers and matching."""
