import { EMBEDDED_DATASET_ATTRIBUTION as ATTRIBUTION } from './attribution.js';
import { breastCancerGz } from './generated/breast-cancer.js';
import { diabetesDataGz } from './generated/diabetes-data.js';
import { diabetesTargetGz } from './generated/diabetes-target.js';
import { irisGz } from './generated/iris.js';
import { wineGz } from './generated/wine.js';
import { loadHeaderedCsv, loadNumericTable, type TabularData } from './tabular.js';

const IRIS_FEATURES = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];
const WINE_FEATURES = [
  'alcohol',
  'malic_acid',
  'ash',
  'alcalinity_of_ash',
  'magnesium',
  'total_phenols',
  'flavanoids',
  'nonflavanoid_phenols',
  'proanthocyanins',
  'color_intensity',
  'hue',
  'od280/od315_of_diluted_wines',
  'proline',
];
const CANCER_MEASURES = [
  'radius',
  'texture',
  'perimeter',
  'area',
  'smoothness',
  'compactness',
  'concavity',
  'concave points',
  'symmetry',
  'fractal dimension',
];
const CANCER_FEATURES = [
  ...CANCER_MEASURES.map((m) => `mean ${m}`),
  ...CANCER_MEASURES.map((m) => `${m} error`),
  ...CANCER_MEASURES.map((m) => `worst ${m}`),
];
const DIABETES_FEATURES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];

/**
 * Fisher's iris: 150 samples, 4 features, 3 classes (setosa, versicolor, virginica). Embedded; no I/O.
 * @example
 * ```ts
 * const { features, targets, targetNames } = loadIrisData(); // 150 × 4, labels 0..2
 * ```
 * @see https://archive.ics.uci.edu/dataset/53/iris
 */
export function loadIrisData(): TabularData {
  return loadHeaderedCsv(irisGz, 'iris', IRIS_FEATURES, ATTRIBUTION.iris);
}

/**
 * UCI wine recognition: 178 samples, 13 chemical features, 3 cultivars. Embedded; no I/O.
 * @example
 * ```ts
 * const wine = loadWineData(); // wine.features.length === 178
 * ```
 * @see https://archive.ics.uci.edu/dataset/109/wine
 */
export function loadWineData(): TabularData {
  return loadHeaderedCsv(wineGz, 'wine', WINE_FEATURES, ATTRIBUTION.wine);
}

/**
 * Breast Cancer Wisconsin (Diagnostic): 569 samples, 30 features, classes malignant (0) / benign (1).
 * @example
 * ```ts
 * const cancer = loadBreastCancerData(); // cancer.targetNames: ['malignant', 'benign']
 * ```
 * @see https://archive.ics.uci.edu/dataset/17/breast+cancer+wisconsin+diagnostic
 */
export function loadBreastCancerData(): TabularData {
  return loadHeaderedCsv(breastCancerGz, 'breastCancer', CANCER_FEATURES, ATTRIBUTION.breastCancer);
}

/**
 * Diabetes progression (regression): 442 samples, 10 raw (unscaled) baseline features, target a
 * quantitative measure of progression one year later. `targetNames` is `null`.
 * @example
 * ```ts
 * const { features, targets } = loadDiabetesData(); // 442 × 10, targets 25..346
 * ```
 * @see https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html
 */
export function loadDiabetesData(): TabularData {
  const features = loadNumericTable(diabetesDataGz, 'diabetesData', /\s+/);
  const targets = loadNumericTable(diabetesTargetGz, 'diabetesTarget', /\s+/).map((r) => r[0] as number);
  return {
    features,
    targets,
    featureNames: DIABETES_FEATURES.slice(),
    targetNames: null,
    attribution: ATTRIBUTION.diabetes,
  };
}
