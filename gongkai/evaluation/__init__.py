"""政策落实结果评价: evaluation projects on policies, their survey, records and conclusion."""
