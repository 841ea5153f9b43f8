# Reading localism output from R: one run file with hdf5r (Debian's r-cran-hdf5r) and the tidy
# export (python3 -m analysis.export DIR) with base R only.
#
#   Rscript analysis/examples/read_run.R RUN.h5 SERIES_LONG.csv [METRIC]
#
# Prints lines of `key=value` fields (tests/python/test_r_example.py checks them against h5py
# and pandas): the run file's format, the metric's units and its first, last and summed value;
# then, from the export, the metric's mean over runs per arm at the last month.
suppressPackageStartupMessages(library(hdf5r))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) {
  stop("usage: Rscript read_run.R RUN.h5 SERIES_LONG.csv [METRIC]")
}
run_path <- args[1]
csv_path <- args[2]
metric <- if (length(args) >= 3) args[3] else "total_need"
exact <- function(x) sprintf("%.17g", x)  # every digit, so the values can be compared exactly

# --- one run file (docs/output-format.md): /national/<metric> is float64 [T], its attributes
# units/description/better/scope say what it is; /time holds the month of each entry.
run <- H5File$new(run_path, mode = "r")
series <- run[[paste0("national/", metric)]]
values <- series$read()
months <- run[["time"]]$read()
cat("run", paste0("format=", h5attr(run, "format")), paste0("metric=", metric),
    paste0("units=", h5attr(series, "units")), paste0("months=", length(months)),
    paste0("first=", exact(values[1])), paste0("last=", exact(values[length(values)])),
    paste0("sum=", exact(sum(values))), sep = "\t")
cat("\n")
run$close_all()

# --- the export: one row per run, month and metric, with arm, replicate and varied parameters.
long <- read.csv(csv_path, stringsAsFactors = FALSE)
rows <- long[long$metric == metric, ]
last <- rows[rows$month == max(rows$month), ]
by_arm <- aggregate(value ~ arm, data = last, FUN = mean)
runs <- aggregate(value ~ arm, data = last, FUN = length)
for (i in seq_len(nrow(by_arm))) {
  cat("csv", paste0("arm=", by_arm$arm[i]), paste0("metric=", metric),
      paste0("month=", max(rows$month)), paste0("mean=", exact(by_arm$value[i])),
      paste0("runs=", runs$value[runs$arm == by_arm$arm[i]]), sep = "\t")
  cat("\n")
}
