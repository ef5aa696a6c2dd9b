/**
 * Origin and licence of each embedded dataset (also in the package's NOTICE file). Keep these with any copy.
 */
export const EMBEDDED_DATASET_ATTRIBUTION = {
  digits:
    'UCI ML "Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998), test set; CC BY 4.0',
  iris: 'R.A. Fisher (1936), "The use of multiple measurements in taxonomic problems", UCI ML Iris; CC BY 4.0',
  wine: 'UCI ML "Wine" (M. Forina et al., PARVUS, 1988); CC BY 4.0',
  breastCancer:
    'Breast Cancer Wisconsin (Diagnostic), W.H. Wolberg, W.N. Street, O.L. Mangasarian (1995), UCI ML; CC BY 4.0',
  diabetes:
    'B. Efron, T. Hastie, I. Johnstone, R. Tibshirani, "Least Angle Regression", Annals of Statistics (2004)',
} as const;
