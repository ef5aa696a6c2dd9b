#!/usr/bin/python3
"""Generates sklearn-reference.json: scikit-learn reference values for every @tessera/metrics metric.

Run from the repository root with Debian's Python (python3-sklearn, python3-numpy):

    /usr/bin/python3 packages/metrics/src/__fixtures__/generate.py

Datasets are random and adversarial (ties, single-class data, empty classes, zero and fractional weights,
probabilities of exactly 0 and 1). Inputs are rounded before the references are computed, so the JSON holds
exactly the numbers scikit-learn saw. Non-finite results are written as the strings "NaN", "Infinity" and
"-Infinity". Each case names a registry metric (id or alias) with its options, a dataset, and the expected
value; see sklearn-conformance.test.ts for how each `compare` kind is checked.
"""
import json
import math
import os
import warnings
from itertools import combinations

import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.preprocessing import label_binarize

warnings.simplefilter("ignore")  # undefined-metric warnings are expected for the adversarial cases
np.seterr(all="ignore")
rng = np.random.default_rng(20240501)
K = 4
datasets = {}
cases = []


def r(x, decimals=6):
    return np.round(np.asarray(x, dtype=np.float64), decimals)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def enc(v):
    """JSON-ready value: numpy to Python, non-finite floats to strings."""
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, np.ndarray):
        return enc(v.tolist())
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    return v


def dataset(name, targets, predictions, weights=None, tensor=False):
    datasets[name] = {
        "targets": np.asarray(targets),
        "predictions": np.asarray(predictions),
        "sampleWeight": None if weights is None else np.asarray(weights),
        "tensor": tensor,
    }


def case(name, metric, options, data, expected, compare="value"):
    cases.append({"name": name, "metric": metric, "options": options, "dataset": data, "expected": enc(expected), "compare": compare})


def d(name):
    x = datasets[name]
    return x["targets"], x["predictions"], x["sampleWeight"]


# ---------------------------------------------------------------- datasets
n = 97
y = rng.integers(0, 2, n)
p = r(np.clip(0.35 * y + rng.uniform(0, 0.65, n), 0, 1), 4)
dataset("binary-random", y, p)
dataset("binary-ties", y, r(np.round(p, 1), 1))
w = r(rng.uniform(0, 3, n), 3)
w[rng.choice(n, 8, replace=False)] = 0.0
dataset("binary-weighted", y, p, w)
dataset("binary-single-class", np.zeros(n, dtype=int), p)
dataset("binary-none-predicted", y, r(p * 0.49, 4))
pe = p.copy()
pe[:10] = 0.0
pe[10:20] = 1.0
dataset("binary-extreme", y, pe, r(rng.integers(1, 4, n).astype(float)))

m = 120
ym = rng.integers(0, K, m)
logits = rng.normal(0, 1.5, (m, K)) + 1.2 * np.eye(K)[ym]
P = r(softmax(logits), 6)
dataset("multi-random", ym, P)
dataset("multi-onehot", np.eye(K, dtype=int)[ym], P)
wm = r(rng.uniform(0, 2, m), 3)
wm[:5] = 0.0
dataset("multi-weighted", ym, P, wm)
templates = np.array([[0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25], [0.7, 0.1, 0.1, 0.1], [0.5, 0.5, 0.0, 0.0]])
rows = []
for i in range(m):
    t = templates[rng.integers(0, len(templates))]
    rows.append(t[rng.permutation(K)])
dataset("multi-ties", ym, np.array(rows))
ye = rng.integers(0, K - 1, m)
Pe = r(softmax(rng.normal(0, 1.5, (m, K)) + 1.5 * np.eye(K)[ye] - 8 * np.eye(K)[np.full(m, K - 1)]), 6)
dataset("multi-empty-class", ye, Pe)
dataset("multi-single-class", np.full(m, 2), P)
dataset("multi-labels", rng.integers(0, 5, m), rng.integers(0, 5, m))
Pf = softmax(rng.normal(0, 2, (m, K))).astype(np.float32)
Pf[:4] = np.float32([1, 0, 0, 0])
dataset("multi-float32", ym, Pf, tensor=True)

nl = 50
yl = rng.integers(0, 2, (nl, 3))
dataset("multilabel", yl, r(np.clip(0.3 * yl + rng.uniform(0, 0.7, (nl, 3)), 0, 1), 4), r(rng.uniform(0.5, 2, nl), 3))

nr = 80
yr = r(rng.normal(2, 3, nr), 4)
dataset("reg-1d", yr, r(yr + rng.normal(0, 1, nr), 4))
Yr = r(rng.normal(0, 2, (nr, 3)) * np.array([1, 5, 0.3]), 4)
dataset("reg-2d", Yr, r(Yr + rng.normal(0, 1, (nr, 3)), 4))
dataset("reg-weighted", Yr, r(Yr + rng.normal(0, 1, (nr, 3)), 4), r(rng.choice([0, 0.5, 1, 2, 3.25], nr), 2))
Yc = np.stack([np.full(nr, 2.5), Yr[:, 0]], axis=1)
dataset("reg-constant", Yc, np.stack([r(2.5 + rng.normal(0, 0.5, nr), 4), Yr[:, 0]], axis=1))
dataset("reg-perfect-constant", np.full(nr, 1.5), np.full(nr, 1.5))
dataset("reg-single", np.array([1.5]), np.array([2.0]))
yz = yr.copy()
yz[:6] = 0.0
dataset("reg-zeros", yz, r(yz + rng.normal(0, 0.1, nr), 4))
Ypos = r(np.exp(rng.normal(0, 1, (nr, 2))), 4)
Ypos[:3] = 0.0
dataset("reg-positive", Ypos, r(Ypos * np.exp(rng.normal(0, 0.3, (nr, 2))), 4), r(rng.uniform(0, 2, nr), 3))

b, T, V = 4, 7, 11
tokens = rng.integers(0, V, (b, T))
seq_logits = r(rng.normal(0, 2, (b, T, V)), 4)
mask = np.ones((b, T))
mask[1, 5:] = 0
mask[3, 2:] = 0
dataset("seq-logits", tokens, seq_logits, mask)
dataset("seq-probs", tokens, r(softmax(rng.normal(0, 1, (b, T, V))), 8), mask)

# ---------------------------------------------------------------- helpers for references
def thresholded(pred):
    pred = np.asarray(pred)
    if pred.ndim == 2:
        return pred.argmax(axis=1)
    if np.all(pred == np.round(pred)):
        return pred.astype(int)
    return (pred > 0.5).astype(int)


def labels_of(targets):
    t = np.asarray(targets)
    return t.argmax(axis=1) if t.ndim == 2 else t


BINARY = ["binary-random", "binary-ties", "binary-weighted", "binary-single-class", "binary-none-predicted", "binary-extreme"]
MULTI = ["multi-random", "multi-weighted", "multi-ties", "multi-empty-class", "multi-single-class", "multi-labels"]

# ---------------------------------------------------------------- accuracy family
for name in BINARY + MULTI + ["multi-onehot"]:
    t, pr, sw = d(name)
    case(f"accuracy/{name}", "accuracy", {}, name, M.accuracy_score(labels_of(t), thresholded(pr), sample_weight=sw))
for name in BINARY:
    t, pr, sw = d(name)
    case(f"binaryAccuracy/{name}", "binary_accuracy", {}, name, M.accuracy_score(t, (pr > 0.5).astype(int), sample_weight=sw))
    case(f"binaryAccuracy/threshold-0.3/{name}", "binaryAccuracy", {"threshold": 0.3}, name, M.accuracy_score(t, (pr > 0.3).astype(int), sample_weight=sw))
t, pr, sw = d("multilabel")
case("binaryAccuracy/multilabel", "binaryAccuracy", {}, "multilabel", M.accuracy_score(t.ravel(), (pr > 0.5).astype(int).ravel(), sample_weight=np.repeat(sw, 3)))
t, pr, sw = d("multi-onehot")
case("categoricalAccuracy/multi-onehot", "categorical_accuracy", {}, "multi-onehot", M.accuracy_score(t.argmax(1), pr.argmax(1)))
for name in ["multi-random", "multi-weighted", "multi-ties", "multi-single-class"]:
    t, pr, sw = d(name)
    case(f"sparseCategoricalAccuracy/{name}", "sparseCategoricalAccuracy", {}, name, M.accuracy_score(t, pr.argmax(1), sample_weight=sw))
    for k in [1, 2, 3]:
        case(f"topKAccuracy/k{k}/{name}", "top_k_categorical_accuracy", {"k": k}, name,
             M.top_k_accuracy_score(t, pr, k=k, labels=list(range(K)), sample_weight=sw))

# ---------------------------------------------------------------- precision / recall / F
PRF = [("precision", M.precision_score, {}), ("recall", M.recall_score, {}), ("f1", M.f1_score, {}),
       ("fBeta", M.fbeta_score, {"beta": 0.5}), ("fbeta", M.fbeta_score, {"beta": 2.0})]
for metric, fn, extra in PRF:
    for zd in [0, 1]:
        for name in BINARY:
            t, pr, sw = d(name)
            exp = fn(t, thresholded(pr), average="binary", zero_division=zd, sample_weight=sw, **extra)
            case(f"{metric}/binary/zd{zd}/{name}", metric, {**extra, "average": "binary", "zeroDivision": zd}, name, exp)
        for name in MULTI:
            t, pr, sw = d(name)
            labels = list(range(5 if name == "multi-labels" else K))
            for avg in ["micro", "macro", "weighted"]:
                exp = fn(t, thresholded(pr), average=avg, labels=labels, zero_division=zd, sample_weight=sw, **extra)
                opts = {**extra, "average": avg, "zeroDivision": zd, "numClasses": len(labels)}
                case(f"{metric}/{avg}/zd{zd}/{name}", metric, opts, name, exp)

# ---------------------------------------------------------------- confusion-matrix family
for name in BINARY + MULTI:
    t, pr, sw = d(name)
    yp = thresholded(pr)
    k = 2 if name in BINARY else (5 if name == "multi-labels" else K)
    labels = list(range(k))
    case(f"confusionMatrix/{name}", "confusion_matrix", {"numClasses": k}, name, M.confusion_matrix(t, yp, labels=labels, sample_weight=sw), "array")
    case(f"matthewsCorrelation/{name}", "mcc", {}, name, M.matthews_corrcoef(t, yp, sample_weight=sw))
    for weighting in ["none", "linear", "quadratic"]:
        exp = M.cohen_kappa_score(t, yp, labels=labels, weights=None if weighting == "none" else weighting, sample_weight=sw)
        case(f"cohenKappa/{weighting}/{name}", "cohenKappa", {"weighting": weighting, "numClasses": k}, name, exp)
    for adjusted in [False, True]:
        with np.errstate(divide="ignore", invalid="ignore"):
            exp = M.balanced_accuracy_score(t, yp, sample_weight=sw, adjusted=adjusted)
        case(f"balancedAccuracy/adjusted-{adjusted}/{name}", "balanced_accuracy", {"adjusted": adjusted}, name, exp)
for normalize in ["true", "pred", "all"]:
    for name in ["multi-weighted", "multi-empty-class"]:
        t, pr, sw = d(name)
        exp = M.confusion_matrix(t, pr.argmax(1), labels=list(range(K)), sample_weight=sw, normalize=normalize)
        case(f"confusionMatrix/normalize-{normalize}/{name}", "confusionMatrix", {"numClasses": K, "normalize": normalize}, name, exp, "array")

def report(name, k, names=None, digits=2, zd=0, text=True):
    t, pr, sw = d(name)
    yp = thresholded(pr)
    kwargs = dict(labels=list(range(k)), target_names=names, digits=digits, zero_division=zd, sample_weight=sw)
    rep = M.classification_report(t, yp, output_dict=True, **kwargs)
    keys = names or [str(c) for c in range(k)]
    row = lambda v: {"precision": v["precision"], "recall": v["recall"], "f1Score": v["f1-score"], "support": v["support"]}
    exp = {
        "classes": [{"label": key, **row(rep[key])} for key in keys],
        "accuracy": rep["accuracy"] if "accuracy" in rep else rep["micro avg"]["precision"],
        "macroAvg": row(rep["macro avg"]),
        "weightedAvg": row(rep["weighted avg"]),
    }
    if text:
        exp["text"] = M.classification_report(t, yp, **kwargs)
    opts = {"numClasses": k, "digits": digits, "zeroDivision": zd}
    if names:
        opts["targetNames"] = names
    case(f"classificationReport/{name}/digits{digits}/zd{zd}", "classification_report", opts, name, exp, "report")

report("multi-random", K, ["setosa", "versicolor", "virginica", "other"])
report("multi-random", K, digits=4)
report("binary-random", 2)
report("binary-none-predicted", 2, zd=1)
report("multi-labels", 5, digits=3)
report("multi-weighted", K, text=False)
report("multi-empty-class", K, text=False)

# ---------------------------------------------------------------- ranking: ROC AUC, curves, AP
def auc_or_nan(fn):
    try:
        return fn()
    except (ValueError, ZeroDivisionError):  # scikit-learn raises where the AUC is undefined; Tessera gives NaN
        return float("nan")

for name in ["binary-random", "binary-ties", "binary-weighted", "binary-single-class", "binary-extreme"]:
    t, pr, sw = d(name)
    case(f"rocAuc/exact/{name}", "auc", {}, name, auc_or_nan(lambda: M.roc_auc_score(t, pr, sample_weight=sw)))
for name in ["multi-random", "multi-weighted", "multi-ties", "multi-single-class", "multi-float32"]:
    t, pr, sw = d(name)
    for avg in ["macro", "weighted"]:
        exp = auc_or_nan(lambda: M.roc_auc_score(t, pr, multi_class="ovr", average=avg, sample_weight=sw, labels=list(range(K))))
        case(f"rocAuc/exact/ovr/{avg}/{name}", "rocAuc", {"multiClass": "ovr", "average": avg}, name, exp)
        if sw is None:
            exp = auc_or_nan(lambda: M.roc_auc_score(t, pr, multi_class="ovo", average=avg, labels=list(range(K))))
            case(f"rocAuc/exact/ovo/{avg}/{name}", "rocAuc", {"multiClass": "ovo", "average": avg}, name, exp)


def bins_of(s, thresholds):
    nb = thresholds - 1
    return np.clip(np.ceil(np.asarray(s, dtype=np.float64) * nb) - 1, 0, nb - 1)


def binned_bound(pos_mask, scores, weights, thresholds):
    nb = thresholds - 1
    wt = np.ones(len(scores)) if weights is None else weights
    bi = bins_of(scores, thresholds).astype(int)
    pos = np.bincount(bi, weights=wt * pos_mask, minlength=nb)
    neg = np.bincount(bi, weights=wt * (1 - pos_mask), minlength=nb)
    return 0.5 * np.sum(pos * neg) / (pos.sum() * neg.sum())


def binary_auc(pos_mask, scores, weights):
    return M.roc_auc_score(pos_mask, scores, sample_weight=weights)


for thresholds in [200, 11]:
    for name in ["binary-random", "binary-ties", "binary-weighted", "binary-extreme"]:
        t, pr, sw = d(name)
        exp = {
            "auc": binary_auc(t, bins_of(pr, thresholds), sw),
            "errorBound": binned_bound(t, pr, sw, thresholds),
            "exactAuc": binary_auc(t, pr, sw),
        }
        case(f"rocAuc/binned{thresholds}/{name}", "AUC", {"mode": "binned", "numThresholds": thresholds}, name, exp, "binned")
    for name in ["multi-random", "multi-weighted", "multi-ties"]:
        t, pr, sw = d(name)
        wt = np.ones(len(t)) if sw is None else sw
        for avg in ["macro", "weighted"]:
            per = [binary_auc((t == c).astype(int), bins_of(pr[:, c], thresholds), sw) for c in range(K)]
            bounds = [binned_bound((t == c).astype(int), pr[:, c], sw, thresholds) for c in range(K)]
            exact = [binary_auc((t == c).astype(int), pr[:, c], sw) for c in range(K)]
            cw = None if avg == "macro" else [wt[t == c].sum() for c in range(K)]
            exp = {"auc": np.average(per, weights=cw), "errorBound": np.average(bounds, weights=cw), "exactAuc": np.average(exact, weights=cw)}
            case(f"rocAuc/binned{thresholds}/ovr/{avg}/{name}", "rocAuc", {"mode": "binned", "numThresholds": thresholds, "average": avg}, name, exp, "binned")
            if sw is not None:
                continue
            per, bounds, exact, pw = [], [], [], []
            for a, c in combinations(range(K), 2):
                mask = (t == a) | (t == c)
                ta, tc = (t[mask] == a).astype(int), (t[mask] == c).astype(int)
                per.append((binary_auc(ta, bins_of(pr[mask, a], thresholds), None) + binary_auc(tc, bins_of(pr[mask, c], thresholds), None)) / 2)
                bounds.append((binned_bound(ta, pr[mask, a], None, thresholds) + binned_bound(tc, pr[mask, c], None, thresholds)) / 2)
                exact.append((binary_auc(ta, pr[mask, a], None) + binary_auc(tc, pr[mask, c], None)) / 2)
                pw.append(mask.mean())
            cw = None if avg == "macro" else pw
            exp = {"auc": np.average(per, weights=cw), "errorBound": np.average(bounds, weights=cw), "exactAuc": np.average(exact, weights=cw)}
            case(f"rocAuc/binned{thresholds}/ovo/{avg}/{name}", "rocAuc", {"mode": "binned", "numThresholds": thresholds, "multiClass": "ovo", "average": avg}, name, exp, "binned")

for name in ["binary-random", "binary-ties", "binary-weighted", "binary-single-class", "binary-extreme"]:
    t, pr, sw = d(name)
    for drop in [True, False]:
        fpr, tpr, thr = M.roc_curve(t, pr, sample_weight=sw, drop_intermediate=drop)
        case(f"rocCurve/drop-{drop}/{name}", "roc_curve", {"dropIntermediate": drop}, name, {"fpr": fpr, "tpr": tpr, "thresholds": thr[1:]}, "roc-curve")
    prec, rec, thr = M.precision_recall_curve(t, pr, sample_weight=sw)
    case(f"precisionRecallCurve/{name}", "precisionRecallCurve", {}, name, {"precision": prec, "recall": rec, "thresholds": thr}, "curve")
    case(f"averagePrecision/{name}", "average_precision", {}, name, M.average_precision_score(t, pr, sample_weight=sw))
for name in ["multi-random", "multi-weighted"]:
    t, pr, sw = d(name)
    fpr, tpr, thr = M.roc_curve(t, pr[:, 2], pos_label=2, sample_weight=sw)
    case(f"rocCurve/class2/{name}", "rocCurve", {"positiveClass": 2}, name, {"fpr": fpr, "tpr": tpr, "thresholds": thr[1:]}, "roc-curve")
    prec, rec, thr = M.precision_recall_curve(t, pr[:, 1], pos_label=1, sample_weight=sw)
    case(f"precisionRecallCurve/class1/{name}", "precision_recall_curve", {"positiveClass": 1}, name, {"precision": prec, "recall": rec, "thresholds": thr}, "curve")
for name in ["multi-random", "multi-weighted", "multi-ties", "multi-empty-class"]:
    t, pr, sw = d(name)
    onehot = label_binarize(t, classes=list(range(K)))
    for avg in ["macro", "weighted", "micro"]:
        exp = M.average_precision_score(onehot, pr, average=avg, sample_weight=sw)
        case(f"averagePrecision/{avg}/{name}", "averagePrecision", {"average": avg}, name, exp)

# ---------------------------------------------------------------- log loss
for name in ["binary-random", "binary-weighted", "binary-extreme", "binary-single-class"]:
    t, pr, sw = d(name)
    case(f"logLoss/{name}", "log_loss", {}, name, M.log_loss(t, pr, labels=[0, 1], sample_weight=sw))
for name in ["multi-random", "multi-weighted", "multi-ties", "multi-single-class", "multi-onehot", "multi-float32"]:
    t, pr, sw = d(name)
    case(f"logLoss/{name}", "logLoss", {"numClasses": K}, name, M.log_loss(labels_of(t), pr, labels=list(range(K)), sample_weight=sw))

# ---------------------------------------------------------------- regression
REG = [("meanSquaredError", "mse", M.mean_squared_error, {}),
       ("rootMeanSquaredError", "rmse", M.mean_squared_error, {"squared": False}),
       ("meanAbsoluteError", "mae", M.mean_absolute_error, {}),
       ("meanAbsolutePercentageError", "mape", M.mean_absolute_percentage_error, {}),
       ("r2", "r2_score", M.r2_score, {}),
       ("explainedVariance", "explained_variance", M.explained_variance_score, {}),
       ("meanSquaredLogError", "msle", M.mean_squared_log_error, {})]
for metric, alias, fn, extra in REG:
    names = ["reg-positive"] if metric == "meanSquaredLogError" else ["reg-1d", "reg-2d", "reg-weighted", "reg-constant", "reg-perfect-constant", "reg-single", "reg-zeros", "reg-positive"]
    modes = ["uniform_average", "raw_values", [0.2, 0.3, 0.5]]
    if metric in ("r2", "explainedVariance"):
        modes.append("variance_weighted")
    for name in names:
        t, pr, sw = d(name)
        for mode in modes:
            outputs = 1 if t.ndim == 1 else t.shape[1]
            if isinstance(mode, list) and len(mode) != outputs:
                continue
            if mode != "uniform_average" and outputs == 1 and mode != "raw_values":
                continue
            exp = fn(t, pr, sample_weight=sw, multioutput=mode, **extra)
            js_mode = {"uniform_average": "uniformAverage", "raw_values": "rawValues", "variance_weighted": "varianceWeighted"}.get(mode, mode) if not isinstance(mode, list) else mode
            if metric == "r2" and len(t) < 2 and mode == "raw_values":
                exp = [float("nan")] * outputs
            compare = "array" if mode == "raw_values" else "value"
            case(f"{metric}/{js_mode}/{name}", alias if mode == "uniform_average" else metric, {"multioutput": js_mode}, name, exp, compare)

# ---------------------------------------------------------------- sequence
t, pr, sw = d("seq-logits")
probs = softmax(pr).reshape(-1, V)
case("perplexity/logits", "perplexity", {}, "seq-logits", math.exp(M.log_loss(t.ravel(), probs, labels=list(range(V)), sample_weight=sw.ravel())))
t, pr, sw = d("seq-probs")
case("perplexity/probabilities", "ppl", {"fromLogits": False}, "seq-probs", math.exp(M.log_loss(t.ravel(), pr.reshape(-1, V), labels=list(range(V)), sample_weight=sw.ravel())))

# ---------------------------------------------------------------- Python's fixed-point formatting (report text)
format_values = [0.125, 0.375, 0.625, 0.875, 2.675, 1.005, 0.5, 1.5, 2.5, 0.045, 1e-7, 0.99999, 123.456789,
                 1 / 3, 2 / 3, 0.0, 1.0, 5 / 6, 0.0625, 0.8125, 1 / 7]
python_format = [[x, digits, format(x, f".{digits}f")] for x in format_values for digits in range(5)]

# ---------------------------------------------------------------- write
out = {
    "generator": "packages/metrics/src/__fixtures__/generate.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "datasets": {k: {"targets": enc(v["targets"]), "predictions": enc(v["predictions"]), "sampleWeight": enc(v["sampleWeight"]), "tensor": v["tensor"]} for k, v in datasets.items()},
    "cases": cases,
    "pythonFormat": python_format,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn-reference.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases over {len(datasets)} datasets to {path}")
