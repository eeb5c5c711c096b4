INSTALL_HINT = "pip install 'gongbao[ocr]' (RapidOCR), or apt-get install tesseract-ocr tesseract-ocr-chi-sim"
def engine_name():
    return None
