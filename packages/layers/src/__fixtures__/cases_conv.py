def add_cases(rec):
    pass
