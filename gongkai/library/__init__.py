"""The policy library (政策文件库): policies, interpretations, notices, news, disclosure pages."""
