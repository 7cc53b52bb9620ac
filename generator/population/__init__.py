"""Population vision (人口ビジョン): cohort-component projections and their scenarios."""
