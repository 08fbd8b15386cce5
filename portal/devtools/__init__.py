"""Tools for developing and measuring the portal: demo content, the scale seeder, the benchmark.

Installed by the dev and test settings (and the benchmark's own, portal.settings.bench)
only: production settings never import it, so its well-known passwords and its
bulk writers cannot reach a production server.
"""
