"""The rules: the Rule type, one module per family, and the explicit registry."""
