#!/usr/bin/python3
"""Reference outputs from scikit-learn / NumPy (Debian python3-sklearn, python3-numpy) for @tessera/data.

Run from the repository root:  /usr/bin/python3 packages/data/src/__fixtures__/generate.py
Writes preprocessing.json, splits.json and embedded.json beside this file. NaN is written as null.
"""
import json
import math
import os

import numpy as np
import sklearn
from scipy import stats
from sklearn import datasets
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (KBinsDiscretizer, LabelEncoder, MaxAbsScaler, MinMaxScaler, Normalizer,
                                   OneHotEncoder, OrdinalEncoder, RobustScaler, StandardScaler)

HERE = os.path.dirname(os.path.abspath(__file__))


def clean(value):
    """Lists of Python scalars with NaN as None (JSON has no NaN)."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def write(name, payload):
    payload["_generator"] = f"generate.py with scikit-learn {sklearn.__version__}, numpy {np.__version__}"
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))
        f.write("\n")


rng = np.random.default_rng(20240601)

# ---- numeric data with outliers, a constant column and missing values
X = rng.normal(loc=[0.0, 5.0, -3.0, 7.0], scale=[1.0, 10.0, 0.1, 1e-3], size=(40, 4))
X[:, 3] = 7.0  # constant feature
X[3, 0] = 9.5  # outliers
X[17, 1] = -80.0
X_test = rng.normal(loc=[0.0, 5.0, -3.0, 7.0], scale=[2.0, 20.0, 0.2, 1.0], size=(8, 4))
X_nan = X.copy()
X_nan[[1, 5, 9], 0] = np.nan
X_nan[[2], 2] = np.nan

out = {"X": clean(X), "X_test": clean(X_test), "X_nan": clean(X_nan)}


def scaler_case(make, data=X, test=X_test, attrs=()):
    s = make().fit(data)
    case = {"fit_transform": clean(s.transform(data)), "transform_test": clean(s.transform(test))}
    if hasattr(s, "inverse_transform"):
        case["inverse_test"] = clean(s.inverse_transform(test))
    for a in attrs:
        case[a] = clean(getattr(s, a))
    return case


out["standard"] = scaler_case(StandardScaler, attrs=("mean_", "var_", "scale_"))
out["standard_nan"] = scaler_case(StandardScaler, data=X_nan, attrs=("mean_", "var_", "scale_"))
out["standard_no_mean"] = scaler_case(lambda: StandardScaler(with_mean=False))
out["minmax"] = scaler_case(lambda: MinMaxScaler(feature_range=(-1, 2)), attrs=("data_min_", "data_max_", "scale_", "min_"))
out["minmax_clip"] = scaler_case(lambda: MinMaxScaler(clip=True))
out["robust"] = scaler_case(RobustScaler, attrs=("center_", "scale_"))
out["robust_10_90"] = scaler_case(lambda: RobustScaler(quantile_range=(10.0, 90.0), with_centering=False))
out["robust_nan"] = scaler_case(RobustScaler, data=X_nan, attrs=("center_", "scale_"))
out["maxabs"] = scaler_case(MaxAbsScaler, attrs=("max_abs_",))
rows_norm = np.vstack([X_test, np.zeros((1, 4))])
out["rows_norm"] = clean(rows_norm)
for norm in ("l1", "l2", "max"):
    out[f"normalizer_{norm}"] = clean(Normalizer(norm=norm).fit_transform(rows_norm))

# ---- imputation
X_imp = np.array([[1.0, 2.0, np.nan, 4.0], [np.nan, 2.0, np.nan, 5.0], [7.0, 3.0, np.nan, np.nan],
                  [3.0, np.nan, np.nan, 5.0], [1.0, 3.0, np.nan, 8.0]])
out["X_imp"] = clean(X_imp)
for strategy in ("mean", "median", "most_frequent"):
    imp = SimpleImputer(strategy=strategy).fit(X_imp)
    out[f"impute_{strategy}"] = {"transform": clean(imp.transform(X_imp)), "statistics": clean(imp.statistics_)}
imp = SimpleImputer(strategy="constant", fill_value=-1).fit(X_imp)
out["impute_constant"] = {"transform": clean(imp.transform(X_imp))}
X_cat_missing = np.array([["a", "x"], [None, "y"], ["b", "y"], ["b", None], ["a", "x"], ["c", "x"]], dtype=object)
out["X_cat_missing"] = X_cat_missing.tolist()
imp = SimpleImputer(strategy="most_frequent", missing_values=None).fit(X_cat_missing)
out["impute_most_frequent_text"] = {"transform": imp.transform(X_cat_missing).tolist()}

# ---- encoders
X_cat = np.array([["red", "S", "yes"], ["green", "M", "no"], ["blue", "L", "yes"], ["green", "S", "no"],
                  ["red", "XL", "no"], ["red", "M", "yes"]], dtype=object)
X_cat_test = np.array([["green", "L", "yes"], ["purple", "S", "no"]], dtype=object)
out["X_cat"] = X_cat.tolist()
out["X_cat_test"] = X_cat_test.tolist()
ohe = OneHotEncoder(sparse_output=False).fit(X_cat)
out["onehot"] = {"transform": clean(ohe.transform(X_cat)), "categories": [c.tolist() for c in ohe.categories_],
                 "inverse": ohe.inverse_transform(ohe.transform(X_cat)).tolist()}
ohe = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(X_cat)
t = ohe.transform(X_cat_test)
out["onehot_ignore"] = {"transform_test": clean(t), "inverse_test": ohe.inverse_transform(t).tolist()}
for drop in ("first", "if_binary"):
    ohe = OneHotEncoder(sparse_output=False, drop=drop).fit(X_cat)
    t = ohe.transform(X_cat)
    out[f"onehot_drop_{drop}"] = {"transform": clean(t), "inverse": ohe.inverse_transform(t).tolist()}
X_num_cat = np.array([[3], [1], [2], [3], [10]])
out["X_num_cat"] = X_num_cat.tolist()
out["onehot_numeric"] = {"transform": clean(OneHotEncoder(sparse_output=False).fit_transform(X_num_cat))}
ord_enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(X_cat)
out["ordinal"] = {"transform": clean(ord_enc.transform(X_cat)), "transform_test": clean(ord_enc.transform(X_cat_test)),
                  "inverse": ord_enc.inverse_transform(ord_enc.transform(X_cat)).tolist()}
labels = ["dog", "cat", "bird", "cat", "dog", "dog"]
le = LabelEncoder().fit(labels)
out["labels"] = labels
out["label_encoder"] = {"classes": le.classes_.tolist(), "transform": clean(le.transform(labels))}

# ---- discretisation (integer data forces duplicate quantile edges)
X_bins = np.column_stack([rng.normal(size=30), rng.integers(0, 3, size=30).astype(float), np.linspace(-5, 5, 30)])
X_bins_test = np.array([[-10.0, 0.0, -5.0], [0.1, 1.0, 0.0], [10.0, 2.0, 5.0]])
out["X_bins"] = clean(X_bins)
out["X_bins_test"] = clean(X_bins_test)
for strategy in ("uniform", "quantile"):
    for encode in ("ordinal", "onehot-dense"):
        kb = KBinsDiscretizer(n_bins=4, strategy=strategy, encode=encode, subsample=None).fit(X_bins)
        t = kb.transform(X_bins)
        out[f"kbins_{strategy}_{encode}"] = {"transform": clean(t), "transform_test": clean(kb.transform(X_bins_test)),
                                             "inverse": clean(kb.inverse_transform(t)),
                                             "edges": [clean(e) for e in kb.bin_edges_], "n_bins": clean(kb.n_bins_)}

# ---- composition
X_mixed = np.array([[1.0, 10.0, "a", 100.0], [2.0, np.nan, "b", 200.0], [3.0, 30.0, "a", 300.0],
                    [np.nan, 40.0, "c", 400.0]], dtype=object)
out["X_mixed"] = [[None if (isinstance(v, float) and math.isnan(v)) else v for v in row] for row in X_mixed.tolist()]
ct = ColumnTransformer([
    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), [0, 1]),
    ("cat", OneHotEncoder(sparse_output=False), [2]),
], remainder="passthrough")
out["column_transformer"] = clean(np.asarray(ct.fit_transform(X_mixed), dtype=float))
pipe = Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", MinMaxScaler())]).fit(X_nan)
out["pipeline"] = {"transform": clean(pipe.transform(X_nan)), "transform_test": clean(pipe.transform(X_test))}

# ---- cleaning
z = np.abs(stats.zscore(X, ddof=0, nan_policy="omit"))
z = np.where(np.isnan(z), 0, z)
out["zscore_keep_2_5"] = np.where((z <= 2.5).all(axis=1))[0].tolist()
q1, q3 = np.percentile(X, [25, 75], axis=0)
keep = ((X >= q1 - 1.5 * (q3 - q1)) & (X <= q3 + 1.5 * (q3 - q1))).all(axis=1)
out["iqr_keep_1_5"] = np.where(keep)[0].tolist()
dup = np.array([[1, 2], [3, 4], [1, 2], [5, 6], [3, 4], [1, 3]])
out["dup_rows"] = dup.tolist()
out["dup_keep"] = sorted(np.unique(dup, axis=0, return_index=True)[1].tolist())
pct_data = rng.normal(size=11).tolist() + [0.5, 0.5]
out["percentile_data"] = pct_data
out["percentiles"] = {str(q): float(np.percentile(pct_data, q)) for q in (0, 10, 25, 33.3, 50, 75, 90, 99.9, 100)}
write("preprocessing.json", out)

# ---- splits
y = rng.integers(0, 4, size=53)
y[:3] = [3, 3, 1]
write("splits.json", {
    "y": y.tolist(),
    "kfold_53_5": [test.tolist() for _, test in KFold(5).split(np.zeros(53))],
    "stratified_53_5": [test.tolist() for _, test in StratifiedKFold(5).split(np.zeros(53), y)],
    "stratified_53_3": [test.tolist() for _, test in StratifiedKFold(3).split(np.zeros(53), y)],
})

# ---- embedded datasets, from scikit-learn's own copies
emb = {}
for name, bunch in (("iris", datasets.load_iris()), ("wine", datasets.load_wine()),
                    ("breastCancer", datasets.load_breast_cancer()), ("digits", datasets.load_digits()),
                    ("diabetes", datasets.load_diabetes(scaled=False))):
    data, target = bunch.data, bunch.target
    emb[name] = {"shape": list(data.shape), "column_sums": clean(data.sum(axis=0)), "first_row": clean(data[0]),
                 "target_sum": float(target.sum()), "target_first": clean(target[:5]),
                 "target_names": [str(t) for t in bunch.get("target_names", [])] if name != "diabetes" else None,
                 "feature_names": [str(f) for f in bunch.get("feature_names", [])] if name != "digits" else None}
    if name != "diabetes":
        emb[name]["class_counts"] = np.bincount(target).tolist()
write("embedded.json", emb)
print("wrote preprocessing.json, splits.json, embedded.json")
