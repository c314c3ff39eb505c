// Public API of the plot components used by the live labs.
export type { Series, CurveSeries, DepthGroup, YScaleKind } from './types';
export { PLOT_COLORS, PLOT_FONT } from './colors';
export {
  formatValue,
  formatDecade,
  summariseRatio,
  ZERO_TEXT,
  NON_FINITE_TEXT,
  type RatioSummary,
  type FormatOptions,
} from './format';
export { logDomain, decadeTicks, linearDomain, classifyForLog } from './scales';
export { PlotFrame, type PlotFrameProps } from './PlotFrame';
export { DataTable, type DataTableProps } from './DataTable';
export { serializeSvg, buildExportSvg, downloadBlob, type RasterLayer } from './exporting';
export { exportPng, paintSvg } from './paintSvg';
export { LayerProfilePlot, type LayerProfilePlotProps } from './LayerProfilePlot';
export { CurvePlot, type CurvePlotProps } from './CurvePlot';
export { DepthPlot, type DepthPlotProps } from './DepthPlot';
export { PanelPlot, type PanelPlotProps } from './PanelPlot';
export type { CurvePanel } from './panelGeometry';
export { GradientHeatmap, type GradientHeatmapProps } from './GradientHeatmap';
export { heatmapScale, heatmapPixels, type HeatmapScale } from './heatmapColor';
export { DecisionBoundary, type DecisionBoundaryProps } from './DecisionBoundary';
export { LandscapePlot, type LandscapePlotProps } from './LandscapePlot';
export { contourLevels } from './landscapeModel';
export { boundaryColor } from './boundaryModel';
