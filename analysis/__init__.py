"""Analysis of localism sweeps: which policy arm does better, by how much, how sure
we are, and which parameters drive the answer. See analysis/README.md."""
