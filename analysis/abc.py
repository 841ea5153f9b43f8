"""Approximate Bayesian computation: rejection over a space-filling prior sample, then ABC-SMC.

The algorithm only needs a simulator `simulate(thetas, tag) -> values` that returns, for an
(n, k) array of parameter points, an (n, P) array of model values of the P fit patterns (the
mean over replicates; NaN when a run failed). analysis/calibrate.py plugs in the engine through
sweeps; tests plug in analytic models.

Distance of a point: sum over fit patterns of ((value - observed) / tolerance)^2.
1. Rejection: a scrambled Sobol (or LHS) sample of `n` points from the uniform prior box; the
   `accept` closest are generation 0, with equal weights.
2. ABC-SMC (Beaumont et al. 2009; Toni et al. 2009), per generation t: tolerance eps_t = the
   `quantile` of generation t-1's distances; proposals are drawn from generation t-1 by weight
   and perturbed with a Gaussian kernel of covariance twice the weighted covariance, redrawn
   until inside the prior box (truncation to the prior support); proposals are simulated in
   batches (one sweep each) until `particles` have distance <= eps_t or `max_batches` is
   reached; weights w_i = prior(theta_i) / sum_j w_j K(theta_i | theta_j), normalised.
Everything is deterministic given the seed (numpy SeedSequence).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.stats import multivariate_normal, qmc


@dataclass
class AbcSettings:
    lows: np.ndarray              # prior box, one entry per parameter
    highs: np.ndarray
    observed: np.ndarray          # fit patterns
    tolerance: np.ndarray
    prior_samples: int = 256      # rejection: prior sample size
    accept: int = 64              # rejection: points kept
    sampler: str = "sobol"        # sobol | lhs
    generations: int = 3          # SMC generations after the rejection step
    particles: int = 64           # per SMC generation
    quantile: float = 0.5         # eps_t = this quantile of the previous distances
    batch_factor: float = 2.0     # proposals per batch = batch_factor * particles
    max_batches: int = 4          # batches per generation at most
    integer: np.ndarray = None    # parameters rounded to whole numbers
    seed: int = 1


@dataclass
class Generation:
    index: int                    # 0 = rejection
    epsilon: float                # acceptance tolerance (rejection: the largest accepted distance)
    thetas: np.ndarray            # (N, k) accepted points
    weights: np.ndarray           # (N,) normalised
    distances: np.ndarray         # (N,)
    values: np.ndarray            # (N, P) model values of the fit patterns
    simulated: int                # points simulated for this generation
    log: list = field(default_factory=list)


def distances_of(values: np.ndarray, observed, tolerance) -> np.ndarray:
    """Standardised squared distance per row; rows with a NaN value are infinitely far."""
    z = (np.asarray(values, dtype=float) - observed) / tolerance
    d = np.sum(z * z, axis=1)
    return np.where(np.isfinite(d), d, np.inf)


def weighted_quantile(x, weights, q):
    """Quantile(s) q of x under normalised weights (inverse of the weighted ECDF, midpoints)."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(weights, dtype=float)
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order] / np.sum(w)
    cum = np.cumsum(w) - 0.5 * w
    return np.interp(q, cum, x)


def weighted_covariance(thetas, weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float) / np.sum(weights)
    mean = w @ thetas
    centred = thetas - mean
    cov = (centred * w[:, None]).T @ centred / max(1e-300, 1.0 - np.sum(w * w))
    return np.atleast_2d(cov)


def _round(s: AbcSettings, thetas):
    if s.integer is not None and np.any(s.integer):
        thetas = thetas.copy()
        thetas[:, s.integer] = np.round(thetas[:, s.integer])
    return thetas


def prior_sample(s: AbcSettings, rng: np.random.Generator) -> np.ndarray:
    k = len(s.lows)
    if s.sampler == "lhs":
        unit = qmc.LatinHypercube(d=k, seed=rng).random(s.prior_samples)
    else:
        sobol = qmc.Sobol(d=k, scramble=True, seed=rng)
        m = math.ceil(math.log2(max(2, s.prior_samples)))
        unit = sobol.random_base2(m)[: s.prior_samples]  # a power of 2, then the first n
    return _round(s, qmc.scale(unit, s.lows, s.highs))


def rejection(s: AbcSettings, simulate, rng) -> Generation:
    thetas = prior_sample(s, rng)
    values = np.asarray(simulate(thetas, "g0"), dtype=float)
    d = distances_of(values, s.observed, s.tolerance)
    keep = np.argsort(d, kind="stable")[: s.accept]
    keep = keep[np.isfinite(d[keep])]
    if keep.size < 2:
        raise RuntimeError("rejection step: fewer than 2 prior points had a finite distance "
                           "(every run failed or every statistic was undefined)")
    return Generation(0, float(d[keep].max()), thetas[keep], np.full(keep.size, 1 / keep.size),
                      d[keep], values[keep], len(thetas))


def _inside(s: AbcSettings, thetas):
    return np.all((thetas >= s.lows) & (thetas <= s.highs), axis=1)


def propose(s: AbcSettings, previous: Generation, cov, n, rng) -> np.ndarray:
    """n perturbed draws from the previous generation, all inside the prior box."""
    out = np.empty((0, len(s.lows)))
    for _ in range(1000):  # each round keeps the draws inside the box
        pick = rng.choice(len(previous.weights), size=n, p=previous.weights)
        step = rng.multivariate_normal(np.zeros(len(s.lows)), cov, size=n, method="eigh")
        draws = _round(s, previous.thetas[pick] + step)
        out = np.vstack([out, draws[_inside(s, draws)]])
        if len(out) >= n:
            return out[:n]
    raise RuntimeError("could not draw proposals inside the prior box (kernel far too wide)")


def smc_weights(thetas, previous: Generation, cov) -> np.ndarray:
    """Importance weights prior / sum_j w_j K(theta | theta_j); the prior is uniform."""
    kernel = multivariate_normal(mean=np.zeros(thetas.shape[1]), cov=cov, allow_singular=True)
    density = np.array([np.sum(previous.weights * kernel.pdf(t - previous.thetas))
                        for t in thetas])
    w = np.where(density > 0, 1.0 / np.maximum(density, 1e-300), 0.0)
    return w / np.sum(w)


def smc_generation(s: AbcSettings, simulate, previous: Generation, rng) -> Generation:
    epsilon = float(weighted_quantile(previous.distances, previous.weights, s.quantile))
    cov = 2.0 * weighted_covariance(previous.thetas, previous.weights)
    # A degenerate covariance (fewer particles than parameters, or all particles equal in one
    # parameter) still needs a proper kernel: a small ridge relative to the prior ranges.
    cov += np.diag(1e-6 * (s.highs - s.lows) ** 2)
    batch = max(1, int(math.ceil(s.batch_factor * s.particles)))
    kept_t, kept_v, kept_d, simulated = [], [], [], 0
    for b in range(s.max_batches):
        thetas = propose(s, previous, cov, batch, rng)
        values = np.asarray(simulate(thetas, f"g{previous.index + 1}b{b}"), dtype=float)
        d = distances_of(values, s.observed, s.tolerance)
        simulated += len(thetas)
        ok = d <= epsilon
        kept_t.append(thetas[ok]), kept_v.append(values[ok]), kept_d.append(d[ok])
        if sum(len(x) for x in kept_d) >= s.particles:
            break
    thetas = np.vstack(kept_t)[: s.particles]
    values = np.vstack(kept_v)[: s.particles]
    d = np.concatenate(kept_d)[: s.particles]
    if len(thetas) < 2:
        return None
    return Generation(previous.index + 1, epsilon, thetas, smc_weights(thetas, previous, cov),
                      d, values, simulated)


def run_abc(s: AbcSettings, simulate, progress=None) -> list:
    """Rejection then SMC; the list of generations (the last is the posterior sample)."""
    rng = np.random.default_rng(np.random.SeedSequence(s.seed))
    generations = [rejection(s, simulate, rng)]
    if progress:
        progress(generations[-1])
    for _ in range(s.generations):
        nxt = smc_generation(s, simulate, generations[-1], rng)
        if nxt is None:  # too few proposals within eps: keep the last good generation
            break
        generations.append(nxt)
        if progress:
            progress(nxt)
    return generations


def resample(generation: Generation, n: int, seed: int) -> np.ndarray:
    """n posterior draws (by weight), deterministic given the seed."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 7]))
    pick = rng.choice(len(generation.weights), size=n, p=generation.weights)
    return generation.thetas[pick]


def summarise(generation: Generation, level: float = 0.9) -> np.ndarray:
    """(k, 3) weighted median, lower and upper bound of the central `level` interval."""
    tail = (1 - level) / 2
    return np.array([[weighted_quantile(col, generation.weights, q)
                      for q in (0.5, tail, 1 - tail)] for col in generation.thetas.T])
