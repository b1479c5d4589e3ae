"""企业奖补资格测算: policy rules as data, evaluated against an enterprise profile."""
