"""Developer tools: executing notebooks, the benchmark, the JupyterLab/Chromium harness."""
